#!/usr/bin/env python3
"""Random small CIBs inside the supported subset, for differential testing of
ptest against crm_simulate (tests/pe/live-random).  One seed, one file (--no-clones: without clones):
nodes (some offline or standby), primitives, groups, anonymous clones,
locations (node and #uname rules), colocations, orders, cluster options, and a
status section with running resources, failed operations and fail-counts.
The newer features come from a second generator (the first one's choices,
and so the older seeds' CIBs, stay as they were): node attributes (pingd)
with typed and score-attribute location rules, date expressions against the
execution date (2010-01-02 02:40 UTC, a Saturday), and promotable clones of
Pacemaker's Stateful with master scores and a promoted or unpromoted
history (--no-new: without them)."""
import random
import sys

KEY = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8"


def main():
    seed = int(sys.argv[1])
    clones_ok = "--no-clones" not in sys.argv[2:]
    new_ok = "--no-new" not in sys.argv[2:]
    rnd = random.Random(seed)
    rnd2 = random.Random(seed * 7919 + 17)
    nn = rnd.randint(2, 5)
    nodes = ["node%d" % (i + 1) for i in range(nn)]
    opts = {"stonith-enabled": "false"}
    if rnd.random() < 0.3:
        opts["symmetric-cluster"] = "false"
    if rnd.random() < 0.3:
        opts["no-quorum-policy"] = rnd.choice(["ignore", "stop", "freeze"])
    stick = rnd.choice([0, 0, 50, 100, 200, "INFINITY"])
    mthr = rnd.choice([None, 1, 2, 3])
    prims, groups, clones = [], [], []
    np_ = rnd.randint(1, 8)
    n = 0
    top = []
    for i in range(np_):
        kind = rnd.random()
        if kind < 0.2:
            members = ["g%dm%d" % (i, k) for k in range(rnd.randint(2, 3))]
            groups.append(("grp%d" % i, members))
            prims.extend(members)
            top.append(("group", "grp%d" % i, members))
        elif kind < 0.3 and clones_ok:
            child = "cl%dc" % i
            clones.append(("clone%d" % i, child))
            prims.append(child)
            top.append(("clone", "clone%d" % i, child))
        else:
            prims.append("rsc%d" % i)
            top.append(("prim", "rsc%d" % i, None))
    ids = [t[1] for t in top]
    meta = {}
    for t in top:
        m = {}
        if rnd.random() < 0.15:
            m["target-role"] = "Stopped"
        if rnd.random() < 0.1:
            m["is-managed"] = "false"
        if rnd.random() < 0.15:
            m["resource-stickiness"] = str(rnd.choice([0, 100, 1000]))
        if t[0] == "clone" and rnd.random() < 0.5:
            m["clone-max"] = str(rnd.randint(1, nn))
        meta[t[1]] = m

    def prim_xml(p):
        return ('<primitive id="%s" class="ocf" provider="heartbeat" type="Dummy"><operations>'
                '<op id="%s-mon" name="monitor" interval="10s"/></operations></primitive>' % (p, p))

    def meta_xml(rid):
        m = meta.get(rid, {})
        if not m:
            return ""
        return ('<meta_attributes id="%s-meta">' % rid + "".join(
            '<nvpair id="%s-%s" name="%s" value="%s"/>' % (rid, k, k, v) for k, v in m.items())
            + "</meta_attributes>")

    res = []
    for t in top:
        if t[0] == "prim":
            x = prim_xml(t[1])
            res.append(x.replace("<operations>", meta_xml(t[1]) + "<operations>", 1))
        elif t[0] == "group":
            res.append('<group id="%s">%s%s</group>' % (t[1], meta_xml(t[1]), "".join(prim_xml(m) for m in t[2])))
        else:
            res.append('<clone id="%s">%s%s</clone>' % (t[1], meta_xml(t[1]), prim_xml(t[2])))
    cons = []
    for k in range(rnd.randint(0, 6)):
        r = rnd.choice(ids)
        sc = rnd.choice(["INFINITY", "-INFINITY", "100", "50", "-50", "200", "0"])
        if rnd.random() < 0.3:
            cons.append('<rsc_location id="loc%d" rsc="%s"><rule id="loc%d-r" score="%s">'
                        '<expression id="loc%d-e" attribute="#uname" operation="%s" value="%s"/></rule></rsc_location>'
                        % (k, r, k, sc, k, rnd.choice(["eq", "ne"]), rnd.choice(nodes)))
        else:
            cons.append('<rsc_location id="loc%d" rsc="%s" node="%s" score="%s"/>' % (k, r, rnd.choice(nodes), sc))
    for k in range(rnd.randint(0, 3)):
        if len(ids) < 2:
            break
        a, b = rnd.sample(ids, 2)
        cons.append('<rsc_colocation id="col%d" rsc="%s" with-rsc="%s" score="%s"/>'
                    % (k, a, b, rnd.choice(["INFINITY", "-INFINITY", "100", "-100"])))
    for k in range(rnd.randint(0, 3)):
        if len(ids) < 2:
            break
        a, b = rnd.sample(ids, 2)
        cons.append('<rsc_order id="ord%d" first="%s" then="%s" kind="%s"/>'
                    % (k, a, b, rnd.choice(["Mandatory", "Optional"])))
    # --- the newer features (rnd2) ---
    ms = []            # (master id, child primitive id, master-max)
    attrs = {}         # node -> {name: value} transient attributes
    if new_ok:
        for x in nodes:
            if rnd2.random() < 0.6:
                attrs.setdefault(x, {})["pingd"] = str(rnd2.choice([0, 100, 200]))
        for k in range(rnd2.randint(0, 2)):
            r = rnd2.choice(ids)
            form = rnd2.random()
            if form < 0.35:
                op, val, ty = rnd2.choice([("lt", "100", "integer"), ("lte", "0", None), ("gt", "50", "number"),
                                           ("eq", "200", "integer"), ("ne", "100", None)])
                tx = (' type="%s"' % ty) if ty else ""
                cons.append('<rsc_location id="ploc%d" rsc="%s"><rule id="ploc%d-r" score="%s" boolean-op="or">'
                            '<expression id="ploc%d-e1" attribute="pingd" operation="not_defined"/>'
                            '<expression id="ploc%d-e2" attribute="pingd" operation="%s" value="%s"%s/>'
                            '</rule></rsc_location>'
                            % (k, r, k, rnd2.choice(["-INFINITY", "-100", "50"]), k, k, op, val, tx))
            elif form < 0.55:
                cons.append('<rsc_location id="ploc%d" rsc="%s"><rule id="ploc%d-r" score-attribute="pingd">'
                            '<expression id="ploc%d-e" attribute="pingd" operation="defined"/></rule></rsc_location>'
                            % (k, r, k, k))
            else:
                d = rnd2.choice([
                    '<date_expression id="dl%d-d" operation="gt" start="2009-12-31"/>',
                    '<date_expression id="dl%d-d" operation="lt" end="2010-01-01T12:00:00Z"/>',
                    '<date_expression id="dl%d-d" operation="in_range" start="2010-01-01">'
                    '<duration id="dl%d-du" days="2"/></date_expression>',
                    '<date_expression id="dl%d-d" operation="in_range" start="2010-01-03" end="2010-02-01"/>',
                    '<date_expression id="dl%d-d" operation="date_spec"><date_spec id="dl%d-s" weekdays="6-7"/>'
                    '</date_expression>',
                    '<date_expression id="dl%d-d" operation="date_spec"><date_spec id="dl%d-s" hours="9-17"/>'
                    '</date_expression>'])
                d = d.replace("%d", str(k))
                cons.append('<rsc_location id="dloc%d" rsc="%s"><rule id="dloc%d-r" score="%s">%s'
                            '<expression id="dloc%d-e" attribute="#uname" operation="eq" value="%s"/>'
                            '</rule></rsc_location>'
                            % (k, r, k, rnd2.choice(["INFINITY", "-INFINITY", "200"]), d, k, rnd2.choice(nodes)))
        if rnd2.random() < 0.35:
            mid, child = "ms0", "msc0"
            mm = rnd2.choice([1, 1, 2])
            ms.append((mid, child, mm))
            res.append('<master id="%s"><meta_attributes id="%s-meta"><nvpair id="%s-mm" name="master-max" '
                       'value="%d"/><nvpair id="%s-cm" name="clone-max" value="%d"/></meta_attributes>'
                       '<primitive id="%s" class="ocf" provider="pacemaker" type="Stateful"><operations>'
                       '<op id="%s-mm" name="monitor" interval="10s" role="Master"/>'
                       '<op id="%s-ms" name="monitor" interval="11s" role="Slave"/></operations></primitive>'
                       '</master>' % (mid, mid, mid, mm, mid, rnd2.randint(1, nn), child, child, child))
            for x in nodes:
                if rnd2.random() < 0.7:
                    attrs.setdefault(x, {})["master-" + child] = str(rnd2.choice([5, 10, 100]))
            if rnd2.random() < 0.4 and ids:
                cons.append('<rsc_colocation id="mscol" rsc="%s" with-rsc="%s" with-rsc-role="Master" score="%s"/>'
                            % (rnd2.choice(ids), mid, rnd2.choice(["INFINITY", "100"])))
    ms_hist = {}
    for mid, child, mm in ms:
        for x in nodes:
            if rnd2.random() < 0.4:
                ms_hist[x] = rnd2.choice(["Slave", "Slave", "Master"])
    out = []
    w = out.append
    w('<cib validate-with="pacemaker-1.0" crm_feature_set="3.0.1" admin_epoch="0" epoch="1" num_updates="0" '
      'have-quorum="%d" execution-date="1262400000">' % (0 if rnd.random() < 0.2 else 1))
    w('<configuration><crm_config><cluster_property_set id="opts">' + "".join(
        '<nvpair id="o-%s" name="%s" value="%s"/>' % (k, k, v) for k, v in opts.items())
      + '</cluster_property_set></crm_config>')
    w('<rsc_defaults><meta_attributes id="rd"><nvpair id="rd-s" name="resource-stickiness" value="%s"/>%s'
      '</meta_attributes></rsc_defaults>'
      % (stick, ('<nvpair id="rd-m" name="migration-threshold" value="%d"/>' % mthr) if mthr else ""))
    w("<nodes>")
    standby = set(x for x in nodes if rnd.random() < 0.15)
    for x in nodes:
        if x in standby:
            w('<node id="%s" uname="%s"><instance_attributes id="%s-ia"><nvpair id="%s-sb" name="standby" '
              'value="on"/></instance_attributes></node>' % (x, x, x, x))
        else:
            w('<node id="%s" uname="%s"/>' % (x, x))
    w("</nodes><resources>" + "".join(res) + "</resources><constraints>" + "".join(cons)
      + "</constraints></configuration><status>")
    offline = set(x for x in nodes[1:] if rnd.random() < 0.2)
    running = {}
    for p in prims:
        if rnd.random() < 0.5:
            running[p] = rnd.choice(nodes)
    call = 1
    for x in nodes:
        if x in offline:
            w('<node_state id="%s" uname="%s" in_ccm="false" crmd="offline" join="down" expected="down"/>' % (x, x))
            continue
        w('<node_state id="%s" uname="%s" in_ccm="true" crmd="online" join="member" expected="member">' % (x, x))
        fcs = []
        lrm = []
        for p in prims:
            hist = rnd.random()
            if running.get(p) == x or (p.startswith("cl") and rnd.random() < 0.4):
                lrm.append('<lrm_resource id="%s" class="ocf" provider="heartbeat" type="Dummy">' % p)
                lrm.append('<lrm_rsc_op id="%s_last_0" operation_key="%s_start_0" operation="start" '
                           'transition-key="%d:1:0:%s" call-id="%d" rc-code="0" op-status="0" interval="0" '
                           'last-rc-change="1262300000" op-digest="%s"/>' % (p, p, call, KEY, call, DIGEST))
                call += 1
                if rnd.random() < 0.2:
                    rc = rnd.choice([1, 7])
                    lrm.append('<lrm_rsc_op id="%s_monitor_10000" operation_key="%s_monitor_10000" '
                               'operation="monitor" transition-key="%d:1:0:%s" call-id="%d" rc-code="%d" '
                               'op-status="0" interval="10000" last-rc-change="1262300000"/>'
                               % (p, p, call, KEY, call, rc))
                    call += 1
                    fcs.append((p, rnd.randint(1, 3)))
                lrm.append("</lrm_resource>")
            elif hist < 0.5:
                lrm.append('<lrm_resource id="%s" class="ocf" provider="heartbeat" type="Dummy">' % p)
                lrm.append('<lrm_rsc_op id="%s_last_0" operation_key="%s_monitor_0" operation="monitor" '
                           'transition-key="%d:1:7:%s" call-id="%d" rc-code="7" op-status="0" interval="0" '
                           'last-rc-change="1262300000" op-digest="%s"/>' % (p, p, call, KEY, call, DIGEST))
                call += 1
                lrm.append("</lrm_resource>")
        for mid, child, mm in ms:
            role = ms_hist.get(x)
            lrm.append('<lrm_resource id="%s" class="ocf" provider="pacemaker" type="Stateful">' % child)
            if role:
                lrm.append('<lrm_rsc_op id="%s_last_0" operation_key="%s_%s_0" operation="%s" '
                           'transition-key="%d:1:0:%s" call-id="%d" rc-code="0" op-status="0" interval="0" '
                           'last-rc-change="1262300000" op-digest="%s"/>'
                           % (child, child, "promote" if role == "Master" else "start",
                              "promote" if role == "Master" else "start", call, KEY, call, DIGEST))
            else:
                lrm.append('<lrm_rsc_op id="%s_last_0" operation_key="%s_monitor_0" operation="monitor" '
                           'transition-key="%d:1:7:%s" call-id="%d" rc-code="7" op-status="0" interval="0" '
                           'last-rc-change="1262300000" op-digest="%s"/>' % (child, child, call, KEY, call, DIGEST))
            call += 1
            lrm.append("</lrm_resource>")
        ta = attrs.get(x, {})
        if fcs or ta:
            w('<transient_attributes id="%s-t"><instance_attributes id="%s-ta">' % (x, x) + "".join(
                '<nvpair id="%s-fc-%s" name="fail-count-%s" value="%d"/>'
                '<nvpair id="%s-lf-%s" name="last-failure-%s" value="1262300000"/>' % (x, p, p, v, x, p, p)
                for p, v in fcs) + "".join(
                '<nvpair id="%s-a-%s" name="%s" value="%s"/>' % (x, k, k, v) for k, v in sorted(ta.items()))
              + "</instance_attributes></transient_attributes>")
        w('<lrm id="%s"><lrm_resources>%s</lrm_resources></lrm></node_state>' % (x, "".join(lrm)))
    w("</status></cib>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
