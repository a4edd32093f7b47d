#!/usr/bin/env python3
# xmlcmp.py [--element NAME] [--instance-from CIB06] EXPECTED GOT: compare two
# XML documents (or their first NAME elements) element by element:
# same names, same children in the same order, same attributes (order and
# whitespace between elements do not matter).  An id in EXPECTED that libxslt
# generated (generate-id() or xsl:number: "nvpair.id22", "expression.id38",
# "nvpair.meta.auto-127") matches any id in GOT.  Prints the first difference
# and exits 1, or exits 0.  --instance-from: before comparing, give every
# primitive of EXPECTED the instance nvpairs it has in CIB06 (a heartbeat 2.x
# file: nvpairs inside <attributes>), to expect a corrected 0.6 file upgraded.
import re
import sys
import xml.etree.ElementTree as ET

GENERATED = re.compile(r'^[A-Za-z_]+\.(id[0-9]+|meta\.auto-[0-9]+|auto-[0-9]+)$')


def diff(exp, got, path):
    where = '%s/%s' % (path, exp.tag)
    if exp.tag != got.tag:
        return '%s: element <%s> where <%s> was expected' % (path, got.tag, exp.tag)
    ea, ga = dict(exp.attrib), dict(got.attrib)
    if 'id' in ea and GENERATED.match(ea['id']) and 'id' in ga:
        del ea['id'], ga['id']
    if ea != ga:
        return '%s[@id=%s]: attributes %s, expected %s' % (where, got.get('id'), sorted(ga.items()), sorted(ea.items()))
    for t, what in ((exp.text, got.text), (exp.tail, got.tail)):
        if (t or '').strip() != (what or '').strip():
            return '%s: text %r, expected %r' % (where, what, t)
    ek, gk = list(exp), list(got)
    for i in range(min(len(ek), len(gk))):
        d = diff(ek[i], gk[i], '%s[@id=%s]' % (where, exp.get('id')) if exp.get('id') else where)
        if d:
            return d
    if len(ek) != len(gk):
        return '%s: %d children, expected %d' % (where, len(gk), len(ek))
    return None


def take_instance(exp, cib06):
    src = {p.get('id'): p for p in cib06.iter('primitive')}
    for p in exp.iter('primitive'):
        ia, sia = p.find('instance_attributes'), None
        if p.get('id') in src:
            sia = src[p.get('id')].find('instance_attributes/attributes')
        if ia is None or sia is None:
            continue
        for nv in list(ia.findall('nvpair')):
            ia.remove(nv)
        for nv in sia.findall('nvpair'):
            ia.append(ET.Element('nvpair', dict(nv.attrib)))


def main():
    args = sys.argv[1:]
    cib06 = name = None
    if args[:1] == ['--element']:
        name = args[1]
        args = args[2:]
    if args[:1] == ['--instance-from']:
        cib06 = ET.parse(args[1]).getroot()
        args = args[2:]
    exp, got = ET.parse(args[0]).getroot(), ET.parse(args[1]).getroot()
    if name:
        exp, got = exp.find('.//' + name) if exp.tag != name else exp, got.find('.//' + name) if got.tag != name else got
        if exp is None or got is None:
            print('no <%s> element' % name)
            return 1
    if cib06 is not None:
        take_instance(exp, cib06)
    d = diff(exp, got, '')
    if d:
        print(d)
        return 1
    return 0


sys.exit(main())
