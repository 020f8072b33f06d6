#!/usr/bin/env python3
"""The benchmark's smoke run (ctest bench_smoke): the generator, the bench
script and the A/B script (bench/compare.py, the build against itself) on 1k
replies. Asserts that the reports are complete and well formed — every
section, every rule, every figure a number, the outputs of --jobs 1 and 2
identical, and those of the two "builds" — and never that anything is fast.
With --callgrind (where valgrind can run the build: not a sanitizer build),
compare.py's instruction counts too.

    usage: smoke_test.py BUILD_DIR SOURCE_DIR [--callgrind]
"""
import json
import math
import os
import subprocess
import sys
import tempfile


def main():
    build, src = sys.argv[1], sys.argv[2]
    callgrind = "--callgrind" in sys.argv[3:]
    # The rules on by default (an "(off)" rule is not run, so not measured).
    rules = [line.split()[0] for line in subprocess.run([os.path.join(build, "replylint"), "rules"],
                                                        capture_output=True, text=True, check=True).stdout.splitlines()
             if "(off)" not in line]
    with tempfile.TemporaryDirectory() as tmp:
        out_json = os.path.join(tmp, "bench.json")
        p = subprocess.run([sys.executable, os.path.join(src, "bench", "bench.py"), "--smoke", "--build", build,
                            "--work", os.path.join(build, "bench-smoke"), "--json", out_json],
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"bench.py exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
        text = p.stdout
        with open(out_json) as f:
            r = json.load(f)
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    for section in ["start-up", "## audit, all rules", "## each rule switched off in turn",
                    "## share of replies each rule flags", "## baselines on the same reply text",
                    "## cold `check`", "## scaling with the size of one input", "## targets"]:
        check(section in text, f"section missing: {section}")
    for rule in rules:
        check(f"without {rule} " in text, f"per-rule line missing: {rule}")
        check(rule in r["per_rule"] and rule in r["finding_rates"], f"rule missing from the JSON: {rule}")
    for tool in ["cat", "wc -w", "hunspell -l", "proselint"]:
        check(tool in text, f"baseline missing: {tool}")

    def number(v, what):
        check(isinstance(v, (int, float)) and math.isfinite(v) and v >= 0, f"not a number: {what} = {v!r}")

    size = r["sizes"].get("1k")
    check(size is not None, "no 1k size in the JSON")
    if size:
        check(size["replies"] == 1000, f"replies: {size['replies']}")
        check(size["identical"] is True, "--jobs 1 and --jobs 2 outputs differ")
        for key in ("wall", "cpu", "rss_mb", "mb_s", "mb_s_cpu", "replies_s"):
            number(size["jobs1"][key], f"jobs1.{key}")
        for key in ("wall", "cpu", "rss_mb", "mb_s"):
            number(size["jobs2"][key], f"jobs2.{key}")
        check(size["jobs1"]["rss_mb"] > 0, "peak RSS not measured")
    for rule, v in r["per_rule"].items():
        number(v["cpu"], f"per_rule.{rule}.cpu")
    # The generated corpus must give every rule something to find.
    for rule, share in r["finding_rates"].items():
        check(0 < share < 0.5 or rule == "suspicious-name", f"finding rate of {rule}: {share}")
    for key in ("median_ms", "min_ms", "max_ms", "rss_mb"):
        number(r["check"][key], f"check.{key}")
    # Scaling: both inputs measured, ratios reported (never judged here).
    check(set(r["scaling"]) == {"conversation", "one word, spelling off"}, f"scaling rows: {list(r['scaling'])}")
    for label, v in r["scaling"].items():
        for key in ("small_wall", "large_wall", "size_ratio", "time_ratio"):
            number(v[key], f"scaling.{label}.{key}")
    check(len(r["targets"]) == 6 + len(r["scaling"]), f"targets: {r['targets']}")
    # compare.py: the build against itself, one round.
    with tempfile.TemporaryDirectory() as tmp:
        out_json = os.path.join(tmp, "compare.json")
        c = subprocess.run([sys.executable, os.path.join(src, "bench", "compare.py"), "--old", build, "--new", build,
                            "--size", "1k", "--rounds", "1", "--work", os.path.join(build, "bench-smoke"),
                            "--json", out_json], capture_output=True, text=True)
        if c.returncode != 0:
            sys.exit(f"compare.py exited {c.returncode}:\n{c.stdout}\n{c.stderr}")
        with open(out_json) as f:
            cr = json.load(f)
    check(set(cr["measures"]) == {"startup", "gen_j1", "gen_j2", "check"}, f"compare measures: {list(cr['measures'])}")
    check(cr["identical"] is True, "compare.py: one build's outputs differ from themselves")
    for key, m in cr["measures"].items():
        check(m["rounds"] == 1, f"compare.{key}.rounds")
        for build_key in ("old", "new"):
            for field in ("wall", "cpu", "rss_mb"):
                number(m[build_key][field], f"compare.{key}.{build_key}.{field}")
        for field in ("speedup", "speedup_cpu", "round_min", "round_max"):
            number(m[field], f"compare.{key}.{field}")
    for key in ("gen_j1", "gen_j2"):
        for build_key in ("old", "new"):
            number(cr["measures"][key][build_key]["mb_s"], f"compare.{key}.{build_key}.mb_s")
    check(all(line in c.stdout for line in ("audit 1k, --jobs 1", "audit 1k, --jobs 2", "cold check of")),
          "compare.py: a measure missing from its table")
    if callgrind:
        # compare.py --callgrind: one run per build, instructions counted.
        with tempfile.TemporaryDirectory() as tmp:
            out_json = os.path.join(tmp, "callgrind.json")
            g = subprocess.run([sys.executable, os.path.join(src, "bench", "compare.py"), "--old", build, "--new",
                                build, "--size", "1k", "--callgrind", "--work", os.path.join(build, "bench-smoke"),
                                "--json", out_json], capture_output=True, text=True)
            if g.returncode != 0:
                sys.exit(f"compare.py --callgrind exited {g.returncode}:\n{g.stdout}\n{g.stderr}")
            with open(out_json) as f:
                gr = json.load(f)
        check(set(gr["measures"]) == {"startup", "gen_j1", "check"}, f"callgrind measures: {list(gr['measures'])}")
        check(gr["identical"] is True, "compare.py --callgrind: one build's outputs differ from themselves")
        for key, m in gr["measures"].items():
            for field in ("old", "new"):
                check(isinstance(m[field], int) and m[field] > 0, f"callgrind.{key}.{field} = {m[field]!r}")
            number(m["ratio"], f"callgrind.{key}.ratio")
        check("instructions executed (callgrind)" in g.stdout, "compare.py --callgrind: no heading")
    if failures:
        print(text)
        print(c.stdout)
        sys.exit("bench smoke test failed:\n  " + "\n  ".join(failures))
    print("bench smoke test: reports complete")


if __name__ == "__main__":
    main()
