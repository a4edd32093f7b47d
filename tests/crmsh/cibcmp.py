#!/usr/bin/env python3
"""Compares the <configuration> of two CIB files the way the crm-corpus
says to: attribute order and whitespace aside, the sections of
<configuration> in any order, everything below them in document order
(comments included).  --no-ids also drops generated ids (nvpair, set, op,
rule, expression ids) for a second, looser figure; --loose (round trips,
where show carries no generated ids and prints primitives first) drops
them too and sorts the children of <resources> and <constraints>.
Usage: cibcmp.py [--no-ids] EXPECTED ACTUAL  (exit 0 equal, 1 different)"""
import sys
import xml.etree.ElementTree as ET

KEEP_IDS = ('primitive', 'group', 'clone', 'master', 'rsc_location', 'rsc_colocation',
            'rsc_order', 'node', 'resource_ref')


def canon(e, no_ids, depth=0, loose=False):
    if e.tag is ET.Comment:
        return ['  ' * depth + '<!--%s-->' % e.text]
    attrs = dict(e.attrib)
    if no_ids and e.tag not in KEEP_IDS:
        attrs.pop('id', None)
    if loose and e.tag == 'expression' and attrs.get('type') == 'string':
        del attrs['type']   # string is the default; crmsh's show leaves it out
    head = '  ' * depth + '<%s %s>' % (e.tag, ' '.join('%s=%r' % kv for kv in sorted(attrs.items())))
    kids = [canon(c, no_ids, depth + 1, loose) for c in e]
    if e.tag == 'configuration' or (loose and e.tag in ('resources', 'constraints')):
        kids.sort()
    return [head] + [l for k in kids for l in k]


def load(path, no_ids, loose=False):
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    root = ET.parse(path, parser).getroot()
    cfg = root if root.tag == 'configuration' else root.find('configuration')
    if cfg is None:
        return ['<no configuration>']
    # empty optional sections count as absent
    for s in list(cfg):
        if s.tag in ('rsc_defaults', 'op_defaults') and len(s) == 0:
            cfg.remove(s)
    return canon(cfg, no_ids, 0, loose)


def main():
    args = sys.argv[1:]
    loose = '--loose' in args
    no_ids = '--no-ids' in args or loose
    args = [a for a in args if not a.startswith('--')]
    a, b = load(args[0], no_ids, loose), load(args[1], no_ids, loose)
    if a == b:
        return 0
    import difflib
    sys.stdout.writelines(l + '\n' for l in difflib.unified_diff(a, b, 'expected', 'actual', lineterm='', n=2))
    return 1


sys.exit(main())
