# crm: the crm shell (crmsh's command language, spec v2-crm.md 7) in C.
# The parser objects (lexer, element parsers) are also linked by the unit
# test and the fuzz target; the rest reaches the CIB through lib/cib.
CRM_PARSE_OBJS = heartbeat/crmsh/crm_lex.o heartbeat/crmsh/crm_msg.o heartbeat/crmsh/crm_parse.o \
	heartbeat/crmsh/crm_parse_attrs.o heartbeat/crmsh/crm_parse_rsc.o heartbeat/crmsh/crm_parse_cons.o \
	heartbeat/crmsh/crm_parse_prop.o heartbeat/crmsh/crm_build.o heartbeat/crmsh/crm_show.o
CRM_SHELL_OBJS = $(CRM_PARSE_OBJS) heartbeat/crmsh/crm_main.o heartbeat/crmsh/crm_session.o \
	heartbeat/crmsh/crm_configure.o heartbeat/crmsh/crm_resource_cmd.o heartbeat/crmsh/crm_node_cmd.o heartbeat/crmsh/crm_cib_cmd.o heartbeat/crmsh/crm_ra_cmd.o \
	heartbeat/crmsh/crm_prompt.o heartbeat/crmsh/crm_agents.o
PROGRAMS += heartbeat/crmsh/crm
# The resource, node and status levels link the tools' own code.
CRM_SHELL_TOOL_OBJS = heartbeat/crm_resource_attr.o heartbeat/crm_resource_move.o heartbeat/crm_resource_find.o \
	heartbeat/crm_attr.o $(filter-out heartbeat/crm_mon.o,$(CRM_MON_OBJS)) $(CRM_VIEW_OBJS) $(CRM_TOOL_OBJS)
heartbeat/crmsh/crm: $(CRM_SHELL_OBJS) $(CRM_SHELL_TOOL_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) $(CRM_SHELL_OBJS) $(CRM_SHELL_TOOL_OBJS) $(CIB_LIBS) $(EDIT_LIBS)
$(CRM_SHELL_OBJS): CPPFLAGS += -Iheartbeat/crmsh -Iheartbeat
CRM_TOOLS += heartbeat/crmsh/crm
CRM_MANS += heartbeat/crmsh/crm.8
# Unit test of the lexer, parsers and builder.
UNIT_TESTS += tests/unit/test_crmsh
tests/unit/test_crmsh: tests/unit/test_crmsh.o $(CRM_PARSE_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_crmsh.o $(CRM_PARSE_OBJS) $(CIB_LIBS)
tests/unit/test_crmsh.o: CPPFLAGS += -Iheartbeat/crmsh -Itests/unit
# Unit test of the prompt's completion.
UNIT_TESTS += tests/unit/test_crm_prompt
tests/unit/test_crm_prompt: tests/unit/test_crm_prompt.o heartbeat/crmsh/crm_prompt.o heartbeat/crmsh/crm_agents.o lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_crm_prompt.o heartbeat/crmsh/crm_prompt.o heartbeat/crmsh/crm_agents.o $(CIB_LIBS) $(EDIT_LIBS)
tests/unit/test_crm_prompt.o: CPPFLAGS += -Iheartbeat/crmsh -Iheartbeat -Itests/unit
