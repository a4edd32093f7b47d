#!/usr/bin/env python3
"""Helpers of tests/crm-tools/suite that need an XML or JSON parser.

  cibcheck.py same-config A.xml B.xml      exit 0 when the <configuration>
                                            sections are equal, attribute
                                            order and whitespace aside
  cibcheck.py xpath FILE EXPR              print the string value of EXPR
  cibcheck.py json FILE PATH               print a value of a JSON document
                                            (PATH like failures.0.op_key)
  cibcheck.py mon-pairs FILE               "rsc node" pairs of started
                                            primitives and "rsc node" of failed
                                            actions from a crm_mon screen (ours
                                            or Pacemaker 2.1.5's), sorted
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def canon(e):
    attrs = sorted(e.attrib.items())
    return (e.tag, attrs, [canon(c) for c in e if isinstance(c.tag, str)])


def same_config(a, b):
    ca = ET.parse(a).getroot().find("configuration")
    cb = ET.parse(b).getroot().find("configuration")
    if ca is None or cb is None:
        return 2
    # The children of <configuration> may come in any order (1.0 schema).
    ka = sorted(canon(c) for c in ca)
    kb = sorted(canon(c) for c in cb)
    if ka != kb:
        sys.stderr.write("configurations differ:\n%s\n%s\n" % (ka, kb))
        return 1
    return 0


def xpath(f, expr):
    # ElementTree's subset: a path from the root, attribute at the end.
    root = ET.parse(f).getroot()
    path, _, attr = expr.partition("@")
    path = path.rstrip("/") or "."
    el = root.find(path) if path != "." else root
    if el is None:
        return 1
    print(el.get(attr, "") if attr else (el.text or ""))
    return 0


def jpath(f, path):
    v = json.load(open(f))
    for p in path.split("."):
        v = v[int(p)] if isinstance(v, list) else v[p]
    print(json.dumps(v) if not isinstance(v, str) else v)
    return 0


def mon_pairs(f):
    out = set()
    for line in open(f):
        # ours: "     prmIpWWW\t(ocf::heartbeat:IPaddr2):\tStarted pm02"
        # 2.1.5: "    * prmIpWWW\t(ocf:heartbeat:IPaddr2):\t Started pm02"
        m = re.match(r"^\s*(?:\* )?(\S+)\t\([^)]*\):\t ?Started (\S+)( FAILED)?$", line)
        if m:
            out.add("%s %s %s" % ("failed-active" if m.group(3) else "started", m.group(1), m.group(2)))
        m = re.match(r"^\s*\* (\S+)\t\([^)]*\):\t FAILED (\S+)$", line)
        if m:
            out.add("failed-active %s %s" % (m.group(1), m.group(2)))
        m = re.match(r"^\s+(\S+?)_[a-z_]+_\d+ \(node=([^,]+),", line)
        if m:
            out.add("failed %s %s" % (m.group(1), m.group(2)))
        m = re.match(r"^\s+\* (\S+) \S+ \S+ on (\S+) returned", line)
        if m:
            out.add("failed %s %s" % (m.group(1), m.group(2)))
        m = re.match(r"^\s*(?:\* )?(Online|OFFLINE): \[ (.*) \]", line)
        if m:
            for n in m.group(2).split():
                out.add("%s %s" % (m.group(1).lower(), n))
    for p in sorted(out):
        print(p)
    return 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "same-config" and len(argv) == 4:
        return same_config(argv[2], argv[3])
    if cmd == "xpath" and len(argv) == 4:
        return xpath(argv[2], argv[3])
    if cmd == "json" and len(argv) == 4:
        return jpath(argv[2], argv[3])
    if cmd == "mon-pairs" and len(argv) == 3:
        return mon_pairs(argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
