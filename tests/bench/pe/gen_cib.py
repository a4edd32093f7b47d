#!/usr/bin/env python3
"""Generates the benchmark CIBs of spec/v2-crm.md 6.3: N nodes, M
ocf:heartbeat:Dummy primitives with a 10s monitor; 40 % of them in groups of 4
with a home (200) and spare (100) location; 25 % of the standalone ones with
one random location score (10/50/100/500); every 50th standalone one banned
from one node; one colocation + order pair per 100 primitives; stickiness 100,
migration-threshold 3.  --status fresh writes no history; --status steady
fills the status section from a placement (a Transition Summary as printed by
ptest or crm_simulate for the fresh file): probes everywhere, start + monitor
where each resource was placed.  Deterministic for the same arguments."""
import argparse
import random
import re
import sys

DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8"      # parameter-less Dummy
MON_DIGEST = "4811cef7f7f94e3a35a70be7916cb2fd"  # its 10s monitor
KEY = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"


def build(nodes, prims, seed):
    rnd = random.Random(seed)
    names = ["node%02d" % (i + 1) for i in range(nodes)]
    grouped = prims * 40 // 100 // 4 * 4
    groups = []
    for g in range(grouped // 4):
        groups.append(["rsc%05d" % (g * 4 + k) for k in range(4)])
    standalone = ["rsc%05d" % i for i in range(grouped, prims)]
    cons = []
    for i, g in enumerate(groups):
        home = names[i % nodes]
        spare = names[(i + 1) % nodes]
        cons.append('<rsc_location id="loc-grp%04d-home" rsc="grp%04d" node="%s" score="200"/>' % (i, i, home))
        cons.append('<rsc_location id="loc-grp%04d-spare" rsc="grp%04d" node="%s" score="100"/>' % (i, i, spare))
    for i, r in enumerate(standalone):
        if rnd.random() < 0.25:
            cons.append('<rsc_location id="loc-%s" rsc="%s" node="%s" score="%d"/>'
                        % (r, r, rnd.choice(names), rnd.choice([10, 50, 100, 500])))
        if i % 50 == 0:
            cons.append('<rsc_location id="ban-%s" rsc="%s" node="%s" score="-INFINITY"/>'
                        % (r, r, rnd.choice(names)))
    # One colocation + order pair per 100 primitives, between standalone ones.
    for k in range(prims // 100):
        if len(standalone) < 2:
            break
        a, b = rnd.sample(standalone, 2)
        cons.append('<rsc_colocation id="col-%04d" rsc="%s" with-rsc="%s" score="INFINITY"/>' % (k, a, b))
        cons.append('<rsc_order id="ord-%04d" first="%s" then="%s" kind="Mandatory"/>' % (k, b, a))
    return names, groups, standalone, cons


def prim(rid):
    return ('<primitive id="%s" class="ocf" provider="heartbeat" type="Dummy"><operations>'
            '<op id="%s-monitor-10s" name="monitor" interval="10s"/></operations></primitive>' % (rid, rid))


def op(rid, node, task, interval, call, rc, expect, digest, key=None):
    opid = key or "%s_%s_%d" % (rid, task, interval)
    tk = "%d:1:%d:%s" % (call, expect, KEY)
    return ('<lrm_rsc_op id="%s" operation_key="%s_%s_%d" operation="%s" crm_feature_set="3.0.1" '
            'transition-key="%s" transition-magic="0:%d;%s" call-id="%d" rc-code="%d" op-status="0" '
            'interval="%d" last-rc-change="1262304000" exec-time="0" queue-time="0" op-digest="%s"/>'
            % (opid, rid, task, interval, task, tk, rc, tk, call, rc, interval, digest))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=16)
    ap.add_argument("--primitives", type=int, default=500)
    ap.add_argument("--status", choices=["fresh", "steady"], default="fresh")
    ap.add_argument("--placement", help="Transition Summary of the fresh file (for --status steady)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    names, groups, standalone, cons = build(a.nodes, a.primitives, a.seed)
    out = []
    w = out.append
    w('<cib validate-with="pacemaker-1.0" crm_feature_set="3.0.1" admin_epoch="0" epoch="1" '
      'num_updates="0" have-quorum="1" dc-uuid="node01">')
    w('<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">'
      '<nvpair id="opt-stonith" name="stonith-enabled" value="false"/>'
      '<nvpair id="opt-nq" name="no-quorum-policy" value="ignore"/>'
      '</cluster_property_set></crm_config>')
    w('<rsc_defaults><meta_attributes id="rsc-options">'
      '<nvpair id="rsc-options-stickiness" name="resource-stickiness" value="100"/>'
      '<nvpair id="rsc-options-mt" name="migration-threshold" value="3"/>'
      '</meta_attributes></rsc_defaults>')
    w("<nodes>" + "".join('<node id="%s" uname="%s" type="normal"/>' % (n, n) for n in names) + "</nodes>")
    w("<resources>")
    for i, g in enumerate(groups):
        w('<group id="grp%04d">' % i + "".join(prim(r) for r in g) + "</group>")
    for r in standalone:
        w(prim(r))
    w("</resources><constraints>" + "".join(cons) + "</constraints></configuration>")
    where = {}
    if a.status == "steady":
        if not a.placement:
            sys.exit("--status steady needs --placement")
        for line in open(a.placement):
            m = re.match(r"\s*\* Start\s+(\S+)\s+\(\s*(\S+)\s*\)", line)
            if m:
                where[m.group(1)] = m.group(2)
    w("<status>")
    allr = [r for g in groups for r in g] + standalone
    for n in names:
        w('<node_state id="%s" uname="%s" in_ccm="true" crmd="online" join="member" expected="member" '
          'ha="active">' % (n, n))
        if a.status == "steady":
            w('<lrm id="%s"><lrm_resources>' % n)
            for r in allr:
                w('<lrm_resource id="%s" class="ocf" provider="heartbeat" type="Dummy">' % r)
                if where.get(r) == n:
                    w(op(r, n, "start", 0, 2, 0, 0, DIGEST, "%s_last_0" % r))
                    w(op(r, n, "monitor", 10000, 3, 0, 0, MON_DIGEST))
                else:
                    w(op(r, n, "monitor", 0, 1, 7, 7, DIGEST, "%s_last_0" % r))
                w("</lrm_resource>")
            w("</lrm_resources></lrm>")
        w("</node_state>")
    w("</status></cib>")
    text = "\n".join(out) + "\n"
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
