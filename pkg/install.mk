# pkg/install.mk: make install / uninstall (and -heartbeat, -crm-tools), the
# man page check, all driven by the install lists; owns the table of where
# each list goes.  It names no program: the fragments fill the lists.
#
# To install a file, a fragment adds it to one list and writes no install
# rule of its own (an "install::" rule now stops make: "target file
# 'install' has both : and :: entries").  The check that no other package's
# file is overwritten, make uninstall, the man page check and the Debian
# packages (debian/rules runs install-heartbeat and install-crm-tools) then
# cover it with no further edit.
#
#   heartbeat package (messaging layer, v1 resources; replaces Debian's heartbeat)
#   BIN_PROGRAMS      $(bindir)                        commands any user runs (755)
#   SGID_PROGRAMS     $(bindir)                        clients of the daemon's socket:
#                                                      2555 root:haclient (cl_status)
#   SBIN_PROGRAMS     $(sbindir)                       admin commands (755)
#   HA_DAEMONS        $(libexecdir)/heartbeat          the daemon, programs it runs, and
#                                                      the v2 daemons (crmd, cib, ...) (755)
#   HA_HELPERS        $(datadir)/heartbeat             scripts operators and the daemon run:
#                                                      hb_standby, ResourceManager ... (755)
#   RESOURCE_SCRIPTS  $(datadir)/heartbeat/resource.d  heartbeat-class resource scripts (755)
#   RESOURCE_DATA     $(datadir)/heartbeat/resource.d  files they source (644)
#   MANS              $(mandir)/manN                   NAME.N kept beside the code
#   DOCS              $(docdir)                        samples and notes (644)
#   MGMT_WWW_FILES    $(datadir)/heartbeat/mgmtd       mgmtd's static page (644)
#   MGMT_CONF_FILES   $(sysconfdir)/ha.d               mgmtd.conf, kept when present (644)
#   PAM_FILES         $(sysconfdir)/pam.d              PAM service files (hbmgmtd), kept (644)
#   v2 tools package (Pacemaker's and crmsh's names; Conflicts/Replaces those packages)
#   CRM_TOOLS         $(sbindir)                       crm_verify, ptest, crm_mon, crm,
#                                                      haresources2cib ... (755)
#   CRM_BIN_PROGRAMS  $(bindir)                        crmgen: commands any user runs (755)
#   CRM_HELPERS       $(datadir)/heartbeat             scripts the v2 tools run (755)
#   CRM_MANS          $(mandir)/manN
#
# An entry is a file of the build tree, installed under its own name, or as
# NAME when written FILE=NAME.  Every program of these lists except the
# resource scripts needs a man page of the same name in MANS or CRM_MANS
# ("make check-man", run by tests/packaging).

# The Debian names of our packages (debian/control): their own files are not
# "another package's" to make install.
OUR_PACKAGES = heartbeat-ng heartbeat-ng-crm-tools

# Configuration and system files (this fragment's own).
INIT_SCRIPTS = ha.d/heartbeat.init=heartbeat
LOGROTATE_FILES = contrib/heartbeat.logrotate=heartbeat
DEFAULT_FILES = contrib/heartbeat.default=heartbeat
UNIT_FILES = contrib/heartbeat.service
TMPFILES_FILES = contrib/heartbeat.tmpfiles=heartbeat.conf
# State directories as Debian's package makes them (MODE:OWNER:GROUP).
STATE_DIRS = \
	$(localstatedir)/lib/heartbeat=0755:: \
	$(localstatedir)/lib/heartbeat/ccm=0750:hacluster:haclient \
	$(localstatedir)/lib/heartbeat/crm=0750:hacluster:haclient \
	$(localstatedir)/lib/heartbeat/pengine=0750:hacluster:haclient \
	$(localstatedir)/lib/heartbeat/cores=0755:: \
	$(localstatedir)/lib/heartbeat/cores/root=0700:root: \
	$(localstatedir)/lib/heartbeat/cores/nobody=0700:nobody: \
	$(localstatedir)/lib/heartbeat/cores/hacluster=0700:hacluster: \
	$(sysconfdir)/ha.d=0755:: \
	$(sysconfdir)/ha.d/resource.d=0755::

MANIFEST = pkg/install.manifest
# Where make install keeps its record and the files it overwrote; empty for
# a package build (dpkg keeps the record there).
INSTALL_RECORD_DIR = $(localstatedir)/lib/heartbeat

# list  package  kind  mode  directory
INSTALL_TABLE = \
	BIN_PROGRAMS:heartbeat:file:0755:$(bindir) \
	SGID_PROGRAMS:heartbeat:file:2555%root%haclient:$(bindir) \
	SBIN_PROGRAMS:heartbeat:file:0755:$(sbindir) \
	HA_DAEMONS:heartbeat:file:0755:$(libexecdir)/heartbeat \
	HA_HELPERS:heartbeat:file:0755:$(datadir)/heartbeat \
	RESOURCE_SCRIPTS:heartbeat:file:0755:$(datadir)/heartbeat/resource.d \
	RESOURCE_DATA:heartbeat:file:0644:$(datadir)/heartbeat/resource.d \
	MANS:heartbeat:file:0644:@man \
	DOCS:heartbeat:file:0644:$(docdir) \
	INIT_SCRIPTS:heartbeat:file:0755:$(sysconfdir)/init.d \
	LOGROTATE_FILES:heartbeat:file:0644:$(sysconfdir)/logrotate.d \
	DEFAULT_FILES:heartbeat:keep:0644:$(sysconfdir)/default \
	UNIT_FILES:heartbeat:file:0644:$(unitdir) \
	TMPFILES_FILES:heartbeat:file:0644:$(tmpfilesdir) \
	MGMT_WWW_FILES:heartbeat:file:0644:$(datadir)/heartbeat/mgmtd \
	MGMT_CONF_FILES:heartbeat:keep:0644:$(sysconfdir)/ha.d \
	PAM_FILES:heartbeat:keep:0644:$(sysconfdir)/pam.d \
	CRM_TOOLS:crm-tools:file:0755:$(sbindir) \
	CRM_BIN_PROGRAMS:crm-tools:file:0755:$(bindir) \
	CRM_HELPERS:crm-tools:file:0755:$(datadir)/heartbeat \
	CRM_MANS:crm-tools:file:0644:@man

define _nl


endef
_field = $(word $(2),$(subst :, ,$(1)))
# One manifest line per entry: PACKAGE KIND MODE ENTRY DIR
_manifest_list = $(foreach f,$($(call _field,$(1),1)),$(call _field,$(1),2) $(call _field,$(1),3) \
	$(subst %,:,$(call _field,$(1),4)) $(f) $(call _field,$(1),5)$(_nl))
MANIFEST_TEXT = $(foreach t,$(INSTALL_TABLE),$(call _manifest_list,$(t))) \
	$(foreach d,$(STATE_DIRS),heartbeat dir $(word 2,$(subst =, ,$(d))) - $(word 1,$(subst =, ,$(d)))$(_nl)) \
	heartbeat link - ha.d=heartbeat $(sysconfdir)$(_nl)

# What the lists need built (an entry's FILE part).
INSTALL_SOURCES = $(sort $(foreach t,$(INSTALL_TABLE),$(foreach f,$($(call _field,$(t),1)),$(firstword $(subst =, ,$(f))))))

INSTALL_TREE = MANIFEST=$(MANIFEST) MANDIR=$(mandir) DESTDIR="$(DESTDIR)" FORCE="$(FORCE)" \
	RECORD_DIR="$(INSTALL_RECORD_DIR)" OUR_PACKAGES="$(OUR_PACKAGES)" sh pkg/install-tree.sh

$(MANIFEST): FORCE_MANIFEST
	$(file >$@,$(MANIFEST_TEXT))
	@:
FORCE_MANIFEST:

# Build only what is installed (debian/rules' build step).
build-install: $(INSTALL_SOURCES)

install: $(INSTALL_SOURCES) $(MANIFEST)
	@$(INSTALL_TREE) install heartbeat crm-tools
install-heartbeat: $(INSTALL_SOURCES) $(MANIFEST)
	@$(INSTALL_TREE) install heartbeat
install-crm-tools: $(INSTALL_SOURCES) $(MANIFEST)
	@$(INSTALL_TREE) install crm-tools
uninstall: $(MANIFEST)
	@$(INSTALL_TREE) uninstall heartbeat crm-tools
uninstall-heartbeat: $(MANIFEST)
	@$(INSTALL_TREE) uninstall heartbeat
uninstall-crm-tools: $(MANIFEST)
	@$(INSTALL_TREE) uninstall crm-tools
# Which files another installed package owns (what make install would refuse).
install-conflicts: $(MANIFEST)
	@$(INSTALL_TREE) conflicts heartbeat crm-tools
install-list: $(MANIFEST)
	@$(INSTALL_TREE) list heartbeat crm-tools

# Every man page in the tree passes groff's warnings, and every program of
# the install lists has one.
check-man: $(MANIFEST)
	@MANIFEST=$(MANIFEST) sh pkg/check-man.sh

CLEANFILES += $(MANIFEST)
.PHONY: build-install install install-heartbeat install-crm-tools uninstall uninstall-heartbeat \
	uninstall-crm-tools install-conflicts install-list check-man FORCE_MANIFEST
