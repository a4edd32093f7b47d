# The CRM operator tools over lib/cib's cib_conn: crm_mon, cibadmin,
# crm_resource, crm_attribute (also installed as crm_standby, crm_failcount
# and crm_master, chosen by name as in 1.0), crm_node, crmadmin; their man
# pages are NAME.8 beside the sources.
CRM_VIEW_OBJS = heartbeat/crm_view.o heartbeat/crm_view_ops.o heartbeat/crm_view_master.o \
	heartbeat/crm_print_rsc.o
CRM_TOOL_OBJS = heartbeat/crm_tool.o
CRM_MON_OBJS = heartbeat/crm_mon.o heartbeat/crm_mon_text.o heartbeat/crm_mon_xml.o heartbeat/crm_mon_json.o
CRM_RESOURCE_OBJS = heartbeat/crm_resource.o heartbeat/crm_resource_attr.o heartbeat/crm_resource_move.o \
	heartbeat/crm_resource_force.o heartbeat/crm_resource_find.o
CRM_ATTR_ALIASES = crm_standby crm_failcount crm_master
PROGRAMS += heartbeat/crm_mon heartbeat/cibadmin heartbeat/crm_resource heartbeat/crm_attribute \
	heartbeat/crm_node heartbeat/crmadmin heartbeat/attrd_updater $(addprefix heartbeat/,$(CRM_ATTR_ALIASES))

heartbeat/crm_mon: $(CRM_MON_OBJS) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) $(CRM_MON_OBJS) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) $(CIB_LIBS)
heartbeat/cibadmin: heartbeat/cibadmin.o $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/cibadmin.o $(CRM_TOOL_OBJS) $(CIB_LIBS)
heartbeat/crm_resource: $(CRM_RESOURCE_OBJS) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) $(CRM_RESOURCE_OBJS) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) $(CIB_LIBS)
heartbeat/crm_attribute: heartbeat/crm_attribute.o heartbeat/crm_attr.o $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/crm_attribute.o heartbeat/crm_attr.o $(CRM_TOOL_OBJS) $(CIB_LIBS)
$(addprefix heartbeat/,$(CRM_ATTR_ALIASES)): heartbeat/crm_attribute
	ln -sf crm_attribute $@
heartbeat/crm_node: heartbeat/crm_node.o $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/crm_node.o $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS) $(CIB_LIBS)
heartbeat/crmadmin: heartbeat/crmadmin.o $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/crmadmin.o $(CRM_TOOL_OBJS) $(CIB_LIBS)
heartbeat/attrd_updater: heartbeat/attrd_updater.o $(CRM_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/attrd_updater.o $(CRM_TOOL_OBJS) $(CIB_LIBS)

# Installed by pkg/install.mk (heartbeat-ng-crm-tools); the aliases are
# copies of crm_attribute under their names, which it reads from argv[0].
CRM_OUR_TOOLS = crm_mon cibadmin crm_resource crm_attribute crm_node crmadmin attrd_updater
CRM_TOOLS += $(addprefix heartbeat/,$(CRM_OUR_TOOLS)) \
	$(foreach a,$(CRM_ATTR_ALIASES),heartbeat/crm_attribute=$(a))
CRM_MANS += $(foreach m,$(CRM_OUR_TOOLS) $(CRM_ATTR_ALIASES),heartbeat/$(m).8)
