#!/usr/bin/env python3
"""Builds the support vocabulary add-on dictionaries from the word lists here.

    tools/support-vocab/make_dics.py [HUNSPELL_DIR]     (default /usr/share/hunspell)

Each list line is `word [model] [us|gb]`: `model` is a word of the Debian
dictionary that inflects the same way (роутер компьютер, webhook modem); the
add-on entry gets the model's suffix flags, so Hunspell accepts every form
(роутера, роутером, webhooks). No model: the word is accepted as written.
`us`/`gb` keeps a spelling variant out of the other English dictionary
(fulfillment is American, fulfilment British). A word with ё also gets its
spelling with е, as the Debian ru_RU dictionary has both.

Writes dictionaries/support-ru_RU.dic, support-en_US.dic and support-en_GB.dic,
which replylint embeds and loads with Hunspell's add_dic. Flags differ between
en_US.aff and en_GB.aff, hence one English file per dictionary. Fails when a
model is not in a dictionary, so a list cannot drift from the dictionaries.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEPARATE_ENDINGS = {'ru_RU': ('ом', 'ем', 'ём')}


def read_aff_prefixes(path):
    flags = set()
    with open(path, encoding='utf-8-sig') as f:
        for line in f:
            p = line.split()
            if len(p) >= 4 and p[0] == 'PFX':
                flags.add(p[1])
    return flags


def read_dic_flags(path):
    """The flags of every word, homonyms' flags merged (the model lookup)."""
    flags = {}
    with open(path, encoding='utf-8-sig') as f:
        next(f)  # the word count
        for line in f:
            entry = line.rstrip('\n').split('\t')[0].split(' ')[0]
            word, _, fl = entry.partition('/')
            flags[word] = flags.get(word, '') + fl
    return flags


def read_list(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].split()
            if not line:
                continue
            word = line[0]
            model = line[1] if len(line) > 1 and line[1] not in ('us', 'gb') else ''
            only = line[-1] if line[-1] in ('us', 'gb') else ''
            rows.append((word, model, only, '%s:%d' % (os.path.relpath(path, ROOT), n)))
    return rows


def build(list_name, dic_name, variant, hunspell_dir):
    aff = os.path.join(hunspell_dir, dic_name + '.aff')
    prefixes = read_aff_prefixes(aff)
    known = read_dic_flags(os.path.join(hunspell_dir, dic_name + '.dic'))
    entries = {}
    explicit = set()
    for word, model, only, where in read_list(os.path.join(HERE, list_name)):
        if only and only != variant:
            continue
        flags = ''
        if model:
            if model not in known:
                sys.exit('%s: model "%s" is not in %s.dic' % (where, model, dic_name))
            flags = ''.join(sorted(set(c for c in known[model] if c not in prefixes)))
            # ru_RU lists some forms as entries of their own rather than by a
            # flag (the instrumental after ж, ш, ч: рубежом, матчем): copy them.
            for ending in SEPARATE_ENDINGS.get(dic_name, ()):
                if model + ending in known:
                    entries.setdefault(word + ending, known[model + ending])
        entries[word] = flags
        explicit.add(word)
        variant_e = word.replace('ё', 'е')
        if variant_e not in explicit:
            entries.setdefault(variant_e, flags)
    out = os.path.join(ROOT, 'dictionaries', 'support-%s.dic' % dic_name)
    with open(out, 'w', encoding='utf-8') as f:
        f.write('%d\n' % len(entries))
        for w in sorted(entries):
            f.write(w + ('/' + entries[w] if entries[w] else '') + '\n')
    print('%s: %d entries' % (os.path.relpath(out, ROOT), len(entries)))


def main():
    hunspell_dir = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/hunspell'
    build('ru.txt', 'ru_RU', '', hunspell_dir)
    build('en.txt', 'en_US', 'us', hunspell_dir)
    build('en.txt', 'en_GB', 'gb', hunspell_dir)


if __name__ == '__main__':
    main()
