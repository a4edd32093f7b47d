#!/usr/bin/env python3
"""promcheck.py FILE|-: a strict checker of the Prometheus text exposition
format (0.0.4) as mgmtd writes it.  Prints one "LINE: why" per problem and
exits 1 on any; with --families prints the family names found.

Checks: every line is a HELP, a TYPE, a comment or a sample; names and label
names match the grammar; label values use only the three escapes; values
are floats (or NaN, +Inf, -Inf); TYPE is one of the five and comes before
the family's first sample, at most once; a family's samples are contiguous;
no series appears twice; counters are named *_total; the text ends in a
newline."""
import re
import sys

NAME = re.compile(r'[a-zA-Z_:][a-zA-Z0-9_:]*')
LABEL = re.compile(r'[a-zA-Z_][a-zA-Z0-9_]*')
TYPES = {'counter', 'gauge', 'histogram', 'summary', 'untyped'}


def parse_labels(s, i, lineno, errs):
    """s[i] is '{'; returns (labels tuple, index after '}') or None."""
    i += 1
    labels = []
    while True:
        if i < len(s) and s[i] == '}':
            return tuple(labels), i + 1
        m = LABEL.match(s, i)
        if not m:
            errs.append(f'{lineno}: expected a label name at column {i + 1}')
            return None
        name = m.group(0)
        i = m.end()
        if s[i:i + 2] != '="':
            errs.append(f'{lineno}: expected =" after label {name}')
            return None
        i += 2
        val = []
        while i < len(s) and s[i] != '"':
            if s[i] == '\\':
                if i + 1 >= len(s) or s[i + 1] not in '\\"n':
                    errs.append(f'{lineno}: bad escape in the value of label {name}')
                    return None
                val.append(s[i:i + 2])
                i += 2
            elif s[i] == '\n':
                errs.append(f'{lineno}: newline in the value of label {name}')
                return None
            else:
                val.append(s[i])
                i += 1
        if i >= len(s):
            errs.append(f'{lineno}: unterminated value of label {name}')
            return None
        i += 1
        if name in [n for n, _ in labels]:
            errs.append(f'{lineno}: label {name} twice')
        labels.append((name, ''.join(val)))
        if i < len(s) and s[i] == ',':
            i += 1
            continue
        if i < len(s) and s[i] == '}':
            return tuple(labels), i + 1
        errs.append(f'{lineno}: expected , or }} after label {name}')
        return None


def family_of(name, types):
    for suf in ('_bucket', '_sum', '_count'):
        if name.endswith(suf) and types.get(name[:-len(suf)]) in ('histogram', 'summary'):
            return name[:-len(suf)]
    return name


def check(text):
    errs = []
    types, helps, seen, done = {}, set(), set(), set()
    current = None
    if text and not text.endswith('\n'):
        errs.append('end: the text must end with a newline')
    for lineno, line in enumerate(text.split('\n')[:-1] if text.endswith('\n') else text.split('\n'), 1):
        if line.startswith('#'):
            parts = line.split(' ', 3)
            if len(parts) >= 2 and parts[1] in ('HELP', 'TYPE'):
                if len(parts) < 3 or not NAME.fullmatch(parts[2]):
                    errs.append(f'{lineno}: {parts[1]} without a valid metric name')
                    continue
                name = parts[2]
                if parts[1] == 'HELP':
                    if name in helps:
                        errs.append(f'{lineno}: second HELP for {name}')
                    helps.add(name)
                else:
                    if len(parts) < 4 or parts[3] not in TYPES:
                        errs.append(f'{lineno}: TYPE of {name} must be one of {sorted(TYPES)}')
                        continue
                    if name in types:
                        errs.append(f'{lineno}: second TYPE for {name}')
                    if name in done or name == current:
                        errs.append(f'{lineno}: TYPE of {name} after its samples')
                    types[name] = parts[3]
                    if parts[3] == 'counter' and not name.endswith('_total'):
                        errs.append(f'{lineno}: counter {name} should end in _total')
            continue
        if not line.strip():
            errs.append(f'{lineno}: empty line')
            continue
        m = NAME.match(line)
        if not m:
            errs.append(f'{lineno}: expected a metric name')
            continue
        name = m.group(0)
        i = m.end()
        labels = ()
        if i < len(line) and line[i] == '{':
            r = parse_labels(line, i, lineno, errs)
            if r is None:
                continue
            labels, i = r
        rest = line[i:]
        if not rest.startswith(' '):
            errs.append(f'{lineno}: expected a space before the value')
            continue
        fields = rest.split()
        if len(fields) not in (1, 2):
            errs.append(f'{lineno}: expected a value and an optional timestamp')
            continue
        v = fields[0]
        if v not in ('NaN', '+Inf', '-Inf'):
            try:
                float(v)
            except ValueError:
                errs.append(f'{lineno}: value {v!r} is not a number')
        if len(fields) == 2 and not re.fullmatch(r'-?[0-9]+', fields[1]):
            errs.append(f'{lineno}: timestamp {fields[1]!r} is not an integer')
        fam = family_of(name, types)
        if fam != current:
            if fam in done:
                errs.append(f'{lineno}: samples of {fam} are not together')
            if current:
                done.add(current)
            current = fam
        if fam not in types:
            errs.append(f'{lineno}: sample of {fam} with no TYPE before it')
        key = (name, tuple(sorted(labels)))
        if key in seen:
            errs.append(f'{lineno}: series {name}{dict(labels)} twice')
        seen.add(key)
    return errs, types


def main():
    args = [a for a in sys.argv[1:] if a != '--families']
    text = sys.stdin.read() if not args or args[0] == '-' else open(args[0]).read()
    errs, types = check(text)
    for e in errs:
        print(e)
    if '--families' in sys.argv:
        for t in sorted(types):
            print(t)
    return 1 if errs else 0


if __name__ == '__main__':
    sys.exit(main())
