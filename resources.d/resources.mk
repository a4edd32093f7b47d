# resources.d: our heartbeat-class resource scripts.  Installed beside the
# package data ($(datadir)/heartbeat/resource.d, where the daemon looks after
# /etc/ha.d/resource.d), never over /etc/ha.d/resource.d.
RESOURCE_SCRIPTS += resources.d/IPaddr resources.d/IPaddr2 resources.d/SendArp \
	resources.d/Filesystem resources.d/MailTo resources.d/Delay
# The wrappers of resource-agents' OCF agents (hto-mapfuncs), and OCF for
# any agent with an instance file.
RESOURCE_SCRIPTS += resources.d/AudibleAlarm resources.d/ICP resources.d/IPsrcaddr \
	resources.d/IPv6addr resources.d/LVM resources.d/LinuxSCSI resources.d/OCF \
	resources.d/Raid1 resources.d/ServeRAID resources.d/WAS resources.d/WinPopup \
	resources.d/Xinetd resources.d/apache resources.d/db2 resources.d/ids resources.d/portblock
RESOURCE_DATA += resources.d/hb-rscfuncs resources.d/hto-mapfuncs
