#include "crm.h"
int crm_resource_cmd(char **w) { (void)w; crm_err("resource: not yet"); return 1; }
int crm_node_cmd(char **w) { (void)w; crm_err("node: not yet"); return 1; }
int crm_status_cmd(char **w) { (void)w; crm_err("status: not yet"); return 1; }
