#!/usr/bin/env python3
"""Builds dictionaries/given-names-en.txt from the US Social Security
Administration's national baby-name files (names.zip from ssa.gov, unpacked:
yob1880.txt ... one `name,sex,count` a line).

    tools/names/ssa_names.py DIR_WITH_YOB_FILES [MIN_COUNT]   (default 50)

A name is kept when at least MIN_COUNT babies got it in one year: rarer
entries are mostly one-off spellings, which would let capitalised typos pass
as names. The data is public domain (a work of the US government).
"""
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), 'dictionaries', 'given-names-en.txt')


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    most = {}
    for path in sorted(glob.glob(os.path.join(sys.argv[1], 'yob*.txt'))):
        with open(path, encoding='utf-8') as f:
            for line in f:
                parts = line.strip().split(',')
                if len(parts) == 3:
                    most[parts[0]] = max(most.get(parts[0], 0), int(parts[2]))
    if not most:
        sys.exit('no yobYYYY.txt files in ' + sys.argv[1])
    names = sorted(n for n, count in most.items() if count >= minimum)
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write('# English given names: every name the US Social Security Administration counted for at least\n'
                '# %d babies in one year of birth, 1880-2020 (national data, yobYYYY.txt). Public domain (a work of\n'
                '# the US government); see LICENSES/ssa-baby-names.txt. Regenerate: tools/names/ssa_names.py.\n'
                % minimum)
        for n in names:
            f.write(n + '\n')
    print('%s: %d names' % (OUT, len(names)))


if __name__ == '__main__':
    main()
