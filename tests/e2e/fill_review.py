#!/usr/bin/env python3
"""Fills in a review sample (`replylint sample --format csv`) as a reviewer
would, deterministically, for the calibrate end-to-end tests.

  fill_review.py SAMPLE.csv OUT.csv REVIEWER [--skip N] [--harsh P] [--bad]

Every row gets REVIEWER, one verdict per line of `findings` (stock-phrase and
template-overuse findings judged wrong every other time, spelling every
third; the words vary between English, Russian and + -, as people type
them) and a review_score: the tool's score, raised 10 points per finding
judged wrong, lowered to 85 on every fifth perfect reply (something the tool
missed), then lowered by P points (a harsher reviewer). Every Nth row is
left unreviewed. --bad spoils one row of each kind calibrate must reject:
a review_score that is no number, one out of range, one verdict too many,
an unknown verdict word.
"""
import csv
import sys

STYLES = [("right", "wrong"), ("верно", "неверно"), ("+", "-"), ("Right", "Wrong"), ("да", "нет")]
SEPARATORS = [", ", "; ", " ", "\n", " / "]


def main():
    args = sys.argv[1:]
    src, dst, reviewer = args[0], args[1], args[2]
    skip = int(args[args.index("--skip") + 1]) if "--skip" in args else 0
    harsh = int(args[args.index("--harsh") + 1]) if "--harsh" in args else 0
    bad = "--bad" in args
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0].keys()) if rows else []
    spoiled = []
    for i, r in enumerate(rows):
        if skip and i % skip == skip - 1:
            continue
        rules = [line.split("[", 1)[1].split("]", 1)[0] for line in r["findings"].split("\n") if line.strip()]
        verdicts = []
        for j, rule in enumerate(rules):
            wrong = (rule in ("stock-phrase", "template-overuse") and (i + j) % 2 == 0) or (
                rule == "spelling" and i % 3 == 0)
            verdicts.append(wrong)
        right_word, wrong_word = STYLES[i % len(STYLES)]
        words = [wrong_word if w else right_word for w in verdicts]
        sep = SEPARATORS[i % len(SEPARATORS)]
        r["finding_verdicts"] = sep.join(words)
        score = int(r["score"])
        review = min(100, score + 10 * sum(verdicts))
        if score == 100 and not rules and i % 5 == 0:
            review = 85
        r["review_score"] = str(max(0, review - harsh))
        r["reviewer"] = reviewer
        if bad and rules and len(spoiled) < 4:
            kind = len(spoiled)
            if kind == 0:
                r["review_score"] = "хорошо"
            elif kind == 1:
                r["review_score"] = "120"
            elif kind == 2:
                r["finding_verdicts"] += ", right"
            else:
                r["finding_verdicts"] = sep.join(["maybe"] + words[1:])
            spoiled.append(i)
    with open(dst, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
