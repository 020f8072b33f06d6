#!/usr/bin/env python3
"""Two builds of replylint measured in turn on the same inputs: how much
faster (or slower) a change made it, and whether its output stayed the same.

    bench/compare.py --old ../build-before --new build
    bench/compare.py --old ../build-before --new build --real ../shared/realdata/*.jsonl --rounds 9
    bench/compare.py --old ../build-before --new build --size 3k --callgrind

bench/bench.py reports each figure of one binary as the best of a few runs;
two bench runs of the same binary an hour apart differ by up to a fifth on a
shared machine, which hides a change worth a tenth. Here every measurement
runs both binaries in each round, the order swapped from round to round, so a
disturbance falls on both: the figure is the median over the rounds of each
binary's time, with the range of the per-round ratios beside it.

Measured, each for --rounds rounds:
  - start-up: an audit of one short conversation;
  - `audit` of the generated corpus (--size replies, bench/gen_corpus.py,
    cached in --work) with --jobs 1 and --jobs 2;
  - `audit` of the --real files with --jobs 1, when given;
  - a cold `check` of a 1 KB Russian draft (as bench/bench.py makes it).
Every audit's output (JSONL) and the check's report are compared byte for
byte between the two builds: "identical" or "DIFFER", and the script exits
with 1 when any differs.

Speed-up is old ÷ new: above 1 the new build is faster. CPU is user + system
time of the process (both workers' with --jobs 2).

With --callgrind, each measurement runs once per build under valgrind's
callgrind and the figure is the count of instructions executed: an audit's
repeats to about a thousandth (the start-up and a cold check move by up to
3%: their loading threads wait differently), where the medians of wall time
above move by several percent from run to run on a shared machine. It is the measure
for a change worth a few percent; wall time stays the judge of what users
get (the count knows nothing of cache misses, branch prediction or
waiting). --jobs 2 is left out there (callgrind runs one thread at a time),
and the generated corpus is best kept small (--size 3k: about a minute a
build).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import bench  # noqa: E402  (the corpus cache and split, the runner and the inputs are bench.py's)


def measure(name, binaries, command, rounds, tmp):
    """Runs command(binary, output path) -> (argv, to_stdout) for each binary
    in every round, the order alternating: the output goes to the path by the
    command's own option, or by standard output when to_stdout. Returns the
    runs per binary and whether the outputs of the first round are
    byte-identical."""
    runs = {k: [] for k in binaries}
    outputs = {}
    keys = list(binaries)
    for r in range(rounds):
        for k in (keys if r % 2 == 0 else keys[::-1]):
            out = os.path.join(tmp, f"{name}.{k}.out")
            argv, to_stdout = command(binaries[k], out)
            runs[k].append(bench.run(argv, stdout=out if to_stdout else None))
            if r == 0:
                outputs[k] = bench.sha(out)
            os.remove(out)
    return runs, len(set(outputs.values())) == 1


def count_instructions(name, binaries, command, tmp):
    """Runs command(binary, output path) once per binary under callgrind.
    Returns the instructions each executed and whether the outputs are
    byte-identical."""
    counts, outputs = {}, {}
    for k, binary in binaries.items():
        out = os.path.join(tmp, f"{name}.{k}.out")
        profile = os.path.join(tmp, f"{name}.{k}.callgrind")
        argv, to_stdout = command(binary, out)
        with open(out if to_stdout else os.devnull, "wb") as f:
            p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", *argv], stdout=f,
                               stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.exit(f"compare: {' '.join(argv)} under callgrind exited {p.returncode}:\n"
                     f"{p.stderr.decode(errors='replace')[-2000:]}")
        with open(profile) as f:
            totals = [line.split()[1] for line in f if line.startswith("totals:")]
        if not totals:
            sys.exit(f"compare: no instruction total in {profile}")
        counts[k] = int(totals[0])
        outputs[k] = bench.sha(out)
        os.remove(out)
        os.remove(profile)
    return counts, len(set(outputs.values())) == 1


def summary(runs, nbytes):
    old, new = runs["old"], runs["new"]
    wall = {k: statistics.median(r.wall for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r.cpu for r in v) for k, v in runs.items()}
    per_round = [o.wall / n.wall for o, n in zip(old, new)]
    return {
        "old": {"wall": wall["old"], "cpu": cpu["old"], "rss_mb": max(r.rss_mb for r in old),
                "mb_s": nbytes / bench.MB / wall["old"] if nbytes else None},
        "new": {"wall": wall["new"], "cpu": cpu["new"], "rss_mb": max(r.rss_mb for r in new),
                "mb_s": nbytes / bench.MB / wall["new"] if nbytes else None},
        "speedup": wall["old"] / wall["new"], "speedup_cpu": cpu["old"] / cpu["new"],
        "round_min": min(per_round), "round_max": max(per_round), "rounds": len(per_round),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="build directory of the baseline (holding replylint)")
    ap.add_argument("--new", required=True, help="build directory of the change")
    ap.add_argument("--size", default="10k", help="generated corpus size in agent replies (default 10k)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--real", nargs="+", default=[], metavar="JSONL", help="real conversations, read in place")
    ap.add_argument("--rounds", type=int, default=7, help="rounds of each measurement (default 7)")
    ap.add_argument("--work", default=None, help="where the corpus is cached (default NEW/bench)")
    ap.add_argument("--json", help="also write every figure to this file as JSON")
    ap.add_argument("--callgrind", action="store_true",
                    help="count the instructions of one run per build under callgrind instead of timing rounds")
    a = ap.parse_args()
    if a.callgrind and shutil.which("valgrind") is None:
        sys.exit("compare: --callgrind needs valgrind (apt-get install valgrind)")
    binaries = {}
    for key in ("old", "new"):
        path = os.path.join(os.path.abspath(getattr(a, key)), "replylint")
        if not os.access(path, os.X_OK):
            sys.exit(f"compare: {path} not found")
        binaries[key] = path
    if a.rounds < 1:
        sys.exit("compare: --rounds must be at least 1")
    work = os.path.abspath(a.work or os.path.join(os.path.abspath(a.new), "bench"))
    os.makedirs(work, exist_ok=True)
    n = bench.parse_size(a.size)
    parts = bench.split(bench.generate(work, n, a.seed))
    cfg = bench.write_config(work, "all", [])
    tmp = tempfile.mkdtemp(prefix="compare-", dir=work)
    p = lambda *xs: print(*xs, flush=True)
    p(f"old: {binaries['old']}\nnew: {binaries['new']}")
    if a.callgrind:
        p("instructions executed (callgrind), one run per build; ratio = old ÷ new")
    else:
        p(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; rounds: {a.rounds}, the order "
          f"alternating; medians; speed-up = old ÷ new")

    one = bench.write_one_reply(os.path.join(tmp, "one.jsonl"))
    draft = os.path.join(tmp, "draft.txt")
    draft_bytes = bench.write_draft(parts["ru"]["txt"], draft)

    def audit(inputs, jobs):
        return lambda b, out: ([b, "audit", *inputs, "--format", "jsonl", "-o", out, "--jobs", str(jobs),
                                "--config", cfg], False)

    measures = [("start-up (audit of one reply)", "startup", audit([one], 1), 0),
                (f"audit {bench.size_name(n)}, --jobs 1", "gen_j1", audit([parts["all"]["jsonl"]], 1),
                 parts["all"]["bytes"]),
                (f"audit {bench.size_name(n)}, --jobs 2", "gen_j2", audit([parts["all"]["jsonl"]], 2),
                 parts["all"]["bytes"])]
    if a.real:
        measures.append(("audit real, --jobs 1", "real_j1", audit(a.real, 1), bench.reply_bytes(a.real)[0]))
    measures.append((f"cold check of {draft_bytes} B", "check",
                     lambda b, out: ([b, "check", draft, "--customer-name", "Саша", "--config", cfg], True), 0))
    if a.callgrind:
        measures = [m for m in measures if m[1] != "gen_j2"]
        p(f"\n{'measure':<30} {'old':>15} {'new':>15} {'ratio':>7} output")
        result = {"old": binaries["old"], "new": binaries["new"], "callgrind": True, "measures": {}}
        for label, key, command, _ in measures:
            counts, same = count_instructions(key, binaries, command, tmp)
            result["measures"][key] = {"old": counts["old"], "new": counts["new"],
                                       "ratio": counts["old"] / counts["new"], "identical": same}
            p(f"{label:<30} {counts['old']:>15,} {counts['new']:>15,} {counts['old'] / counts['new']:6.3f}× "
              f"{'identical' if same else 'DIFFER'}")
        return finish(a, result, tmp, all(m["identical"] for m in result["measures"].values()))

    p(f"\n{'measure':<30} {'old':>9} {'new':>9} {'speed-up':>8} {'rounds':>13} {'cpu':>6} {'MB/s old':>8} "
      f"{'MB/s new':>8} {'RSS old':>7} {'RSS new':>7} output")
    result = {"old": binaries["old"], "new": binaries["new"], "rounds": a.rounds, "measures": {}}
    same_all = True
    for label, key, command, nbytes in measures:
        runs, same = measure(key, binaries, command, a.rounds, tmp)
        s = summary(runs, nbytes)
        s["identical"] = same
        same_all = same_all and same
        result["measures"][key] = s
        fmt = (lambda v: f"{v * 1000:7.1f}ms") if s["old"]["wall"] < 1 else (lambda v: f"{v:8.2f}s")
        mbs = lambda v: f"{v:8.2f}" if v else f"{'':>8}"
        p(f"{label:<30} {fmt(s['old']['wall'])} {fmt(s['new']['wall'])} {s['speedup']:7.2f}× "
          f"{s['round_min']:5.2f}–{s['round_max']:.2f}× {s['speedup_cpu']:5.2f}× {mbs(s['old']['mb_s'])} "
          f"{mbs(s['new']['mb_s'])} {s['old']['rss_mb']:7.1f} {s['new']['rss_mb']:7.1f} "
          f"{'identical' if same else 'DIFFER'}")
    for build in ("old", "new"):
        j1, j2 = result["measures"]["gen_j1"][build]["wall"], result["measures"]["gen_j2"][build]["wall"]
        result[f"scaling_{build}"] = j1 / j2
    p(f"\ntwo workers ÷ one (generated corpus): old {result['scaling_old']:.2f}×, new {result['scaling_new']:.2f}×")
    p("(rounds: the least and the greatest per-round speed-up; cpu: the speed-up in CPU time; RSS: peak, MB)")
    finish(a, result, tmp, same_all)


def finish(a, result, tmp, same_all):
    """Writes --json, removes the scratch directory and fails when an output differs."""
    result["identical"] = same_all
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
    shutil.rmtree(tmp, ignore_errors=True)
    if not same_all:
        sys.exit("compare: the outputs of the two builds differ")


if __name__ == "__main__":
    main()
