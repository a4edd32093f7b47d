# resources.d: our heartbeat-class resource scripts.  Installed beside the
# package data ($(datadir)/heartbeat/resource.d, where the daemon looks after
# /etc/ha.d/resource.d), never over /etc/ha.d/resource.d.
RESOURCE_SCRIPTS += resources.d/IPaddr resources.d/IPaddr2 resources.d/SendArp \
	resources.d/Filesystem resources.d/MailTo resources.d/Delay
RESOURCE_DATA += resources.d/hb-rscfuncs
