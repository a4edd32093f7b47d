# The CRM operator tools (crm_mon, cibadmin, crm_resource, crm_attribute and
# its aliases, crm_node, crmadmin) over lib/cib's cib_conn, and their man pages.
CRM_VIEW_OBJS = heartbeat/crm_view.o heartbeat/crm_view_ops.o heartbeat/crm_view_master.o \
	heartbeat/crm_print_rsc.o
CRM_TOOL_OBJS = heartbeat/crm_tool.o
CRM_MON_OBJS = heartbeat/crm_mon.o heartbeat/crm_mon_text.o heartbeat/crm_mon_xml.o heartbeat/crm_mon_json.o
PROGRAMS += heartbeat/crm_mon
heartbeat/crm_mon: $(CRM_MON_OBJS) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) $(CRM_MON_OBJS) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) $(CIB_LIBS)
CRM_TOOLS_SBIN = crm_mon
CRM_TOOLS_MAN8 = crm_mon
install:: $(addprefix heartbeat/,$(CRM_TOOLS_SBIN))
	mkdir -p $(DESTDIR)$(sbindir) $(DESTDIR)$(mandir)/man8
	for t in $(CRM_TOOLS_SBIN); do install -m 0755 heartbeat/$$t $(DESTDIR)$(sbindir)/$$t; done
	for m in $(CRM_TOOLS_MAN8); do install -m 0644 heartbeat/$$m.8 $(DESTDIR)$(mandir)/man8/$$m.8; done
