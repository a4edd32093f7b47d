#!/usr/bin/env python3
"""Writes a CIB of NODES nodes x RSCS resources with an operation history
(a probe and a recurring monitor of every resource on every node, start on
the node that runs it), as Pacemaker's status section holds it.  Usage:
gen_cib.py NODES RSCS > cib.xml"""
import sys

nodes, rscs = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout
out.write('<cib admin_epoch="0" epoch="42" num_updates="7" validate-with="pacemaker-1.0" '
          'have-quorum="1" dc-uuid="node1">\n<configuration>\n<crm_config>\n'
          '<cluster_property_set id="cib-bootstrap-options">\n'
          '<nvpair id="opt-stonith" name="stonith-enabled" value="false"/>\n'
          '</cluster_property_set>\n</crm_config>\n<nodes>\n')
for n in range(1, nodes + 1):
    out.write(f'<node id="node{n}" uname="node{n}" type="normal"/>\n')
out.write('</nodes>\n<resources>\n')
for r in range(rscs):
    out.write(f'<primitive id="rsc{r}" class="ocf" provider="heartbeat" type="Dummy">\n'
              f'<operations><op id="rsc{r}-monitor-10s" name="monitor" interval="10s" timeout="20s"/>'
              f'</operations>\n<instance_attributes id="rsc{r}-ia"><nvpair id="rsc{r}-state" '
              f'name="state" value="/var/run/rsc{r}.state"/></instance_attributes>\n</primitive>\n')
out.write('</resources>\n<constraints/>\n</configuration>\n<status>\n')
t = 1291000000
for n in range(1, nodes + 1):
    out.write(f'<node_state id="node{n}" uname="node{n}" ha="active" in_ccm="true" crmd="online" '
              f'join="member" expected="member">\n<lrm id="node{n}">\n<lrm_resources>\n')
    for r in range(rscs):
        here = r % nodes == n - 1
        ops = [("probe", "monitor", 0, 0 if here else 7)]
        if here:
            ops += [("start", "start", 0, 0), ("monitor_10000", "monitor", 10000, 0)]
        out.write(f'<lrm_resource id="rsc{r}" type="Dummy" class="ocf" provider="heartbeat">\n')
        for i, (key, op, interval, rc) in enumerate(ops):
            cid = r * 3 + i + 1
            oid = f'rsc{r}_monitor_0' if key == "probe" else f'rsc{r}_{key}'
            out.write(f'<lrm_rsc_op id="{oid}" operation="{op}" crm-debug-origin="do_update_resource" '
                      f'crm_feature_set="3.0.1" transition-key="{cid}:1:{7 if rc else 0}:'
                      f'0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9" transition-magic="0:{rc};{cid}:1:'
                      f'{7 if rc else 0}:0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9" call-id="{cid}" '
                      f'rc-code="{rc}" op-status="0" interval="{interval}" last-run="{t + cid}" '
                      f'last-rc-change="{t + cid}" exec-time="{10 + cid % 40}" queue-time="0" '
                      f'op-digest="{(cid * 2654435761) % (1 << 32):08x}{r:024x}"/>\n')
        out.write('</lrm_resource>\n')
    out.write('</lrm_resources>\n</lrm>\n</node_state>\n')
out.write('</status>\n</cib>\n')
