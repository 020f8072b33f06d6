#!/usr/bin/env python3
"""The replylint benchmark: throughput, memory, scaling and start-up, against
baselines measured on the same text in the same run.

    bench/bench.py                          # 10k, 100k and 1M replies (a long run)
    bench/bench.py --sizes 10k,100k         # quicker
    bench/bench.py --smoke                  # 1k replies, one repeat, no installs (the test suite's check)
    bench/bench.py --real ../shared/realdata/*.jsonl   # real conversations too, read in place

It generates the corpora with bench/gen_corpus.py (seeded, into --work,
default build/bench; nothing is committed) and reports, in one run:

  - `audit` throughput in MB/s of reply text (the agent messages' `text`) and
    replies/s, by wall time and by CPU time, with --jobs 1 and --jobs 2, and
    whether the two outputs are byte-identical;
  - the same with each rule switched off in turn (`rules: {ID: off}` in a
    generated replylint.yaml passed with --config), so each rule's share of
    the time shows, for whatever rules `replylint rules` lists;
  - peak RSS of every run (from wait4(2), so /usr/bin/time is not needed);
  - mail ingest: the per-rule corpus written as one mbox (a mail per message,
    threaded by In-Reply-To), `convert` of it in MB/s of mbox, next to
    `audit` of the same conversations in JSONL;
  - the wall time of a cold `check` (a new process) on a 1 KB Russian draft;
  - baselines over the same text: `cat` and `wc -w` (the I/O floor),
    `hunspell -l` (spelling alone; ru_RU on the Russian replies, en_US on the
    English ones), and proselint (Debian's python3-proselint) on the English
    replies; printed as ratios;
  - the share of replies each rule flags in the generated corpus, so a reader
    can judge whether the corpus is realistic;
  - scaling with the size of one input: a conversation of 1 000 and of 10 000
    messages, and a reply holding one word of 100 KB and of 1 MB (with all
    rules but spelling, and with all rules under --scale-timeout): the time
    ratio of the two, which is about 10 when the work is linear in the size.

Missing baseline tools are installed with apt-get (hunspell, python3-proselint)
unless --no-install; a tool that is still missing is reported as such. Figures
depend on the machine and on what else runs on it: compare ratios measured in
the same run, and repeat (--repeat, the best of N is kept).
"""

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1e6


def parse_size(s):
    s = s.strip().lower()
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1000000, s[:-1]
    return int(float(s) * mult)


def size_name(n):
    if n >= 1000000 and n % 1000000 == 0:
        return f"{n // 1000000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


class Run:
    """One finished process: wall seconds, CPU seconds, peak RSS (MB), exit code."""

    def __init__(self, wall, cpu, rss_mb, code):
        self.wall, self.cpu, self.rss_mb, self.code = wall, cpu, rss_mb, code


def run(cmd, stdin=None, stdout=None, env=None, timeout=None):
    """Runs `cmd`, measuring wall time, user+system CPU and peak RSS of the child.
    With `timeout` (seconds) a run that takes longer is killed and returned
    with code None."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE if timeout is None else subprocess.DEVNULL,
                         env=env)
    err = p.stderr.read() if timeout is None else b""
    if timeout is not None:
        while os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            if time.perf_counter() - t0 > timeout:
                p.kill()
                break
            time.sleep(0.05)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    for f in (fin, fout):
        if f is not subprocess.DEVNULL:
            f.close()
    if timeout is not None and p.returncode < 0:
        return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, None)
    if p.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} exited {p.returncode}:\n{err.decode(errors='replace')[-2000:]}")
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, p.returncode)


def best(runs):
    """The best of several runs: the least wall and the least CPU time (each the
    least disturbed by other work on the machine), the highest peak RSS."""
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), max(r.rss_mb for r in runs), runs[0].code)


def ensure_tools(install):
    """Baseline tools: installs the missing Debian packages when allowed."""
    wanted = {"hunspell": "hunspell", "proselint": "python3-proselint"}
    missing = [pkg for tool, pkg in wanted.items() if not shutil.which(tool)]
    if missing and install:
        sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
        if sudo is None:
            print(f"bench: cannot install {' '.join(missing)} (not root, no sudo)", file=sys.stderr)
        else:
            print(f"bench: installing {' '.join(missing)}", file=sys.stderr)
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env, check=False)
            subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, env=env,
                           check=False, stdout=subprocess.DEVNULL)
    return {tool: shutil.which(tool) for tool in wanted}


def generate(work, replies, seed):
    """The corpus of `replies` agent replies, cached by size, seed and generator."""
    gen = os.path.join(HERE, "gen_corpus.py")
    with open(gen, "rb") as f:
        tag = hashlib.sha256(f.read()).hexdigest()[:10]
    path = os.path.join(work, f"corpus-{size_name(replies)}-s{seed}-{tag}.jsonl")
    if not os.path.exists(path):
        print(f"bench: generating {size_name(replies)} replies -> {path}", file=sys.stderr)
        subprocess.run([sys.executable, gen, "--replies", str(replies), "--seed", str(seed), "-o", path + ".tmp"],
                       check=True)
        os.replace(path + ".tmp", path)
    return path


def split(path):
    """Reply text per language (for the baselines) and per-language JSONL files.

    Returns {"all"|"ru"|"en": {"jsonl", "txt", "bytes", "replies", "words"}}; the
    text files hold each agent reply's text followed by a newline."""
    base = path[: -len(".jsonl")]
    out = {}
    files = {}
    for lang in ("all", "ru", "en"):
        out[lang] = {"jsonl": path if lang == "all" else f"{base}.{lang}.jsonl", "txt": f"{base}.{lang}.txt",
                     "bytes": 0, "replies": 0}
    meta = base + ".split.json"
    if os.path.exists(meta):  # the counts of an earlier run; the paths are made here
        with open(meta) as f:
            counts = json.load(f)
        for lang in out:
            out[lang].update(bytes=counts[lang]["bytes"], replies=counts[lang]["replies"])
        return out
    for lang in ("all", "ru", "en"):
        files[lang] = (open(out[lang]["txt"], "w", encoding="utf-8"),
                       None if lang == "all" else open(out[lang]["jsonl"], "w", encoding="utf-8"))
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            lang = c.get("lang", "ru")
            for target in ("all", lang):
                txt, jl = files[target]
                if jl:
                    jl.write(line)
                for m in c["messages"]:
                    if m["role"] == "agent":
                        txt.write(m["text"] + "\n")
                        out[target]["bytes"] += len(m["text"].encode("utf-8"))
                        out[target]["replies"] += 1
    for txt, jl in files.values():
        txt.close()
        if jl:
            jl.close()
    with open(meta, "w") as f:
        json.dump(out, f)
    return out


def rule_ids(binary):
    p = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in p.stdout.splitlines() if line.strip() and "(off)" not in line]


def write_config(work, name, off):
    path = os.path.join(work, f"config-{name}.yaml")
    with open(path, "w") as f:
        if off:
            f.write("rules:\n" + "".join(f"  {r}: off\n" for r in off))
        else:
            f.write("{}\n")
    return path


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_one_reply(path):
    """Writes one short conversation (the start-up's input) to `path`; returns `path`."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "1", "channel": "chat", "lang": "ru", "messages": [
            {"role": "customer", "text": "Где заказ?"}, {"role": "agent", "text": "Заказ приедет завтра."}]},
            ensure_ascii=False) + "\n")
    return path


def write_draft(ru_txt, path):
    """Writes the first Russian replies of `ru_txt` that fit in 1 KB to
    `path` (the cold check's draft); returns its size in bytes."""
    text = ""
    with open(ru_txt, encoding="utf-8") as f:
        for line in f:
            if len((text + line).encode()) > 1024:
                break
            text += line
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.encode())


def audit(binary, jsonl, config, jobs, out, repeat):
    """`jsonl`: one input file or a list of them."""
    inputs = jsonl if isinstance(jsonl, list) else [jsonl]
    cmd = [binary, "audit", *inputs, "--format", "jsonl", "-o", out, "--jobs", str(jobs), "--config", config]
    return best([run(cmd) for _ in range(repeat)])


def reply_bytes(paths):
    """Agent replies and the bytes of their text in JSONL files."""
    nbytes = replies = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                for m in json.loads(line).get("messages", []):
                    if m.get("role") == "agent":
                        nbytes += len(m.get("text", "").encode("utf-8"))
                        replies += 1
    return nbytes, replies


def scale_inputs(work, messages, word_bytes, seed):
    """The scaling inputs: one conversation of `messages` messages (customers
    asking, agents of several names answering, stock and specific replies),
    and 8 conversations whose customer message and reply each hold one word of
    `word_bytes` random letters (a hash or a paste; several of them so that
    start-up does not hide the work)."""
    import random
    rnd = random.Random(seed)
    conv = os.path.join(work, f"scale-conversation-{size_name(messages)}-s{seed}.jsonl")
    if not os.path.exists(conv):
        asks = ["Где мой заказ {n}? Когда его привезут?", "Почему списали {n} рублей дважды? Можно ли вернуть деньги?",
                "1. Как сменить адрес доставки?\n2. Можно ли оплатить заказ {n} при получении?", "спасибо"]
        replies = ["Ваше обращение очень важно для нас. Мы свяжемся с вами в ближайшее время.",
                   "Заказ {n} передан курьеру, он привезёт его завтра до обеда. Оплатить можно при получении.",
                   "Деньги за заказ {n} вернутся на карту в течение трёх дней.", "Подскажите номер заказа, пожалуйста."]
        msgs = []
        for i in range(messages):
            n = 1000 + i
            if i % 2 == 0:
                msgs.append({"role": "customer", "text": rnd.choice(asks).format(n=n)})
            else:
                msgs.append({"role": "agent", "author": rnd.choice(["Анна Смирнова", "Олег Петров", "Марина Белова"]),
                             "text": rnd.choice(replies).format(n=n)})
        with open(conv, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "scale", "channel": "chat", "lang": "ru", "customer": {"name": "Мария"},
                                "messages": msgs}, ensure_ascii=False) + "\n")
    word = os.path.join(work, f"scale-word-{size_name(word_bytes)}-s{seed}.jsonl")
    if not os.path.exists(word):
        with open(word, "w", encoding="utf-8") as f:
            for k in range(8):
                w = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(word_bytes))
                f.write(json.dumps({"id": f"word-{k}", "channel": "chat", "lang": "en", "customer": {"name": "Dana"},
                                    "messages": [{"role": "customer", "text": "Hi, here is the code: " + w},
                                                 {"role": "agent", "text": "Hello Dana, the code " + w + " is valid."}]})
                        + "\n")
    return conv, word


def write_mbox(jsonl_paths, mbox):
    """The conversations of `jsonl_paths` as one mbox: a mail per customer or
    agent message, threaded by In-Reply-To/References, agents at
    shop.example. Returns the conversations written."""
    n = 0
    with open(mbox, "w", encoding="utf-8") as out:
        for path in jsonl_paths:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    c = json.loads(line)
                    n += 1
                    cid = "".join(ch if ch.isalnum() else "-" for ch in c["id"])
                    customer = f"c-{cid}@example.com"
                    prev = []
                    for i, m in enumerate(c.get("messages", [])):
                        if m.get("role") not in ("customer", "agent"):
                            continue
                        agent = m["role"] == "agent"
                        key = "".join(ch if ch.isalnum() else "." for ch in (m.get("agent_id") or m.get("author") or "agent"))
                        sender = f"{key}@shop.example" if agent else customer
                        mid = f"<{cid}.{i}@bench>"
                        minute = i % 60
                        body = "\n".join(">" + l if l.startswith("From ") else l for l in m.get("text", "").split("\n"))
                        out.write(f"From {sender} Fri Nov 20 10:{minute:02d}:00 2026\n"
                                  f"From: {sender}\nTo: {customer if agent else 'help@shop.example'}\n"
                                  f"Subject: {'Re: ' if prev else ''}Request {cid}\nMessage-ID: {mid}\n"
                                  f"Date: Fri, 20 Nov 2026 10:{minute:02d}:00 +0000\n")
                        if prev:
                            out.write(f"In-Reply-To: {prev[-1]}\nReferences: {' '.join(prev)}\n")
                        out.write("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                                  "Content-Transfer-Encoding: 8bit\n\n" + body + "\n\n")
                        prev.append(mid)
    return n


def finding_rates(out_jsonl):
    counts, replies = {}, 0
    with open(out_jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            replies += 1
            for rule in {x["rule"] for x in r["findings"]}:
                counts[rule] = counts.get(rule, 0) + 1
    return replies, counts


def fmt_rate(nbytes, seconds):
    return f"{nbytes / MB / seconds:8.2f}" if seconds > 0 else "       —"


def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "—"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="build directory holding replylint")
    ap.add_argument("--work", default=None, help="where corpora and outputs go (default BUILD/bench)")
    ap.add_argument("--sizes", default="10k,100k,1M", help="corpus sizes in agent replies (default 10k,100k,1M)")
    ap.add_argument("--rule-size", default="10k", help="the size the per-rule runs and baselines use (default 10k)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept (default 3)")
    ap.add_argument("--check-runs", type=int, default=15, help="cold `check` runs (default 15)")
    ap.add_argument("--proselint-bytes", type=int, default=100000,
                    help="proselint is slow (~10 KB/s): it gets the first N bytes of the English replies, "
                         "once (default 100000)")
    ap.add_argument("--no-install", action="store_true", help="do not apt-get the baseline tools")
    ap.add_argument("--scale-messages", default="1k,10k",
                    help="the two conversation lengths of the scaling runs, in messages (default 1k,10k)")
    ap.add_argument("--scale-word", default="100k,1M", help="the two word sizes of the scaling runs (default 100k,1M)")
    ap.add_argument("--scale-timeout", type=float, default=120,
                    help="seconds a scaling run with all rules may take before it is reported as timed out")
    ap.add_argument("--real", nargs="+", default=[], metavar="JSONL",
                    help="real conversations (e.g. ../shared/realdata/*.jsonl), read in place: their throughput "
                         "with one and two workers too")
    ap.add_argument("--json", help="also write every figure to this file as JSON")
    ap.add_argument("--smoke", action="store_true",
                    help="a quick run for the test suite: 1k replies, one repeat, 2 check runs, no installs")
    a = ap.parse_args()
    if a.smoke:
        a.sizes, a.rule_size, a.repeat, a.check_runs, a.no_install = "1k", "1k", 1, 2, True
        a.proselint_bytes = 10000
        a.scale_messages, a.scale_word = "100,1k", "10k,100k"
        a.scale_all_rules_word = False  # spelling's cost on a long word is not the smoke test's business
    else:
        a.scale_all_rules_word = True
    a.build = os.path.abspath(a.build)
    binary = os.path.join(a.build, "replylint")
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench: {binary} not found: build first (cmake --build build)")
    work = os.path.abspath(a.work or os.path.join(a.build, "bench"))
    os.makedirs(work, exist_ok=True)
    sizes = sorted({parse_size(s) for s in a.sizes.split(",")})
    rule_size = parse_size(a.rule_size)
    if rule_size not in sizes:
        sizes = sorted(set(sizes) | {rule_size})
    tools = ensure_tools(not a.no_install)
    rules = rule_ids(binary)
    cfg_all = write_config(work, "all", [])
    cfg_none = write_config(work, "none", rules)
    result = {"machine": {"cores": os.cpu_count(), "load": os.getloadavg()[0]}, "rules": rules, "sizes": {}}
    tmp = tempfile.mkdtemp(prefix="bench-", dir=work)
    p = lambda *xs: print(*xs, flush=True)

    p(f"replylint benchmark — {binary}")
    p(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; best of {a.repeat}; figures depend on "
      f"the machine: compare the ratios")
    p(f"rules: {len(rules)} ({', '.join(rules)})")

    # ---- start-up: an audit of one short conversation ----
    one = write_one_reply(os.path.join(tmp, "one.jsonl"))
    startup = best([run([binary, "audit", one, "--format", "jsonl", "-o", os.path.join(tmp, "one.out"), "--jobs",
                         "1", "--config", cfg_all]) for _ in range(max(3, a.repeat))])
    p(f"start-up (an audit of one reply): {startup.wall * 1000:.0f} ms wall, {startup.cpu * 1000:.0f} ms CPU, "
      f"peak RSS {startup.rss_mb:.1f} MB")
    result["startup"] = {"wall": startup.wall, "cpu": startup.cpu, "rss_mb": startup.rss_mb}

    # ---- audit at every size: one worker, two workers, identical output ----
    p("\n## audit, all rules (MB/s of reply text: by wall time, by CPU time, and by wall time less start-up)")
    p(f"{'size':>6} {'replies':>8} {'text MB':>8} {'j1 MB/s':>8} {'j1 cpu':>8} {'steady':>8} {'replies/s':>10} "
      f"{'j2 MB/s':>8} {'j2/j1':>6} {'RSS j1 MB':>9} {'RSS j2 MB':>9} identical")
    corpora = {}
    for n in sizes:
        path = generate(work, n, a.seed)
        parts = split(path)
        corpora[n] = parts
        allp = parts["all"]
        out1, out2 = os.path.join(tmp, f"{n}.j1.jsonl"), os.path.join(tmp, f"{n}.j2.jsonl")
        # The 1M run takes minutes: repeat only the smaller ones.
        rep = a.repeat if n <= 100000 else 1
        r1 = audit(binary, allp["jsonl"], cfg_all, 1, out1, rep)
        r2 = audit(binary, allp["jsonl"], cfg_all, 2, out2, rep)
        same = sha(out1) == sha(out2)
        steady = max(1e-9, r1.wall - startup.wall)
        p(f"{size_name(n):>6} {allp['replies']:>8} {allp['bytes'] / MB:>8.2f} {fmt_rate(allp['bytes'], r1.wall)} "
          f"{fmt_rate(allp['bytes'], r1.cpu)} {fmt_rate(allp['bytes'], steady)} {allp['replies'] / r1.wall:>10.0f} "
          f"{fmt_rate(allp['bytes'], r2.wall)} "
          f"{r1.wall / r2.wall:>5.2f}× {r1.rss_mb:>9.1f} {r2.rss_mb:>9.1f} {'yes' if same else 'NO'}")
        result["sizes"][size_name(n)] = {
            "replies": allp["replies"], "text_bytes": allp["bytes"],
            "jobs1": {"wall": r1.wall, "cpu": r1.cpu, "rss_mb": r1.rss_mb, "mb_s": allp["bytes"] / MB / r1.wall,
                      "mb_s_cpu": allp["bytes"] / MB / r1.cpu, "mb_s_steady": allp["bytes"] / MB / steady,
                      "replies_s": allp["replies"] / r1.wall},
            "jobs2": {"wall": r2.wall, "cpu": r2.cpu, "rss_mb": r2.rss_mb, "mb_s": allp["bytes"] / MB / r2.wall},
            "scaling": r1.wall / r2.wall, "identical": same}
        if n == rule_size:
            rates_out = out1
        else:
            os.remove(out1)
        os.remove(out2)

    # ---- real conversations, when given ----
    if a.real:
        nbytes, nreplies = reply_bytes(a.real)
        out1, out2 = os.path.join(tmp, "real.j1.jsonl"), os.path.join(tmp, "real.j2.jsonl")
        r1 = audit(binary, a.real, cfg_all, 1, out1, a.repeat)
        r2 = audit(binary, a.real, cfg_all, 2, out2, a.repeat)
        same = sha(out1) == sha(out2)
        steady = max(1e-9, r1.wall - startup.wall)
        p(f"{'real':>6} {nreplies:>8} {nbytes / MB:>8.2f} {fmt_rate(nbytes, r1.wall)} {fmt_rate(nbytes, r1.cpu)} "
          f"{fmt_rate(nbytes, steady)} {nreplies / r1.wall:>10.0f} {fmt_rate(nbytes, r2.wall)} "
          f"{r1.wall / r2.wall:>5.2f}× {r1.rss_mb:>9.1f} {r2.rss_mb:>9.1f} {'yes' if same else 'NO'}")
        result["real"] = {"files": a.real, "replies": nreplies, "text_bytes": nbytes,
                          "jobs1": {"wall": r1.wall, "cpu": r1.cpu, "mb_s": nbytes / MB / r1.wall,
                                    "mb_s_steady": nbytes / MB / steady},
                          "jobs2": {"wall": r2.wall, "mb_s": nbytes / MB / r2.wall},
                          "scaling": r1.wall / r2.wall, "identical": same}
        os.remove(out1)
        os.remove(out2)

    # ---- per rule: each switched off in turn ----
    parts = corpora[rule_size]["all"]
    p(f"\n## each rule switched off in turn ({size_name(rule_size)} replies, --jobs 1)")
    p(f"{'configuration':<22} {'MB/s':>8} {'cpu MB/s':>8} {'replies/s':>10} {'cpu s':>7} {'rule share':>10}")
    scratch = os.path.join(tmp, "rule.jsonl")
    base = audit(binary, parts["jsonl"], cfg_all, 1, scratch, a.repeat)
    none = audit(binary, parts["jsonl"], cfg_none, 1, scratch, a.repeat)
    per_rule = {}

    def row(label, r, share):
        p(f"{label:<22} {fmt_rate(parts['bytes'], r.wall)} {fmt_rate(parts['bytes'], r.cpu)} "
          f"{parts['replies'] / r.wall:>10.0f} {r.cpu:>7.2f} {share:>10}")

    row("all rules", base, "")
    for rule in rules:
        r = audit(binary, parts["jsonl"], write_config(work, "off-" + rule, [rule]), 1, scratch, a.repeat)
        share = (base.cpu - r.cpu) / base.cpu
        per_rule[rule] = {"wall": r.wall, "cpu": r.cpu, "mb_s": parts["bytes"] / MB / r.wall, "share": share}
        row(f"without {rule}", r, f"{100 * share:.1f}%")
    row("no rules (the engine)", none, f"{100 * (base.cpu - none.cpu) / base.cpu:.1f}%")
    p("(rule share: the CPU time the run saves without the rule; the engine's own work — parsing, NFC, "
      "folding, address finding, tokens, stock phrases, scores, output — is the no-rules line)")
    result["per_rule"] = per_rule
    result["no_rules"] = {"wall": none.wall, "cpu": none.cpu, "mb_s": parts["bytes"] / MB / none.wall}

    # ---- finding rates of the generated corpus ----
    replies, counts = finding_rates(rates_out)
    # ---- mail ingest: the same conversations as an mbox ----
    parts = corpora[rule_size]["all"]
    mbox = os.path.join(tmp, "corpus.mbox")
    threads = write_mbox(parts["jsonl"] if isinstance(parts["jsonl"], list) else [parts["jsonl"]], mbox)
    mbox_bytes = os.path.getsize(mbox)
    converted = os.path.join(tmp, "mbox.jsonl")
    ingest = best([run([binary, "convert", mbox, "--input-format", "mail", "--agent-domain", "shop.example",
                        "-o", converted]) for _ in range(a.repeat)])
    on_jsonl = base  # the per-rule section's audit of the same corpus with every rule
    p(f"\n## mail ingest ({size_name(rule_size)} replies in {threads} threads as one mbox of {mbox_bytes / MB:.1f} MB)")
    p(f"  convert mbox -> JSONL: {ingest.wall:.2f} s, {mbox_bytes / MB / ingest.wall:.1f} MB/s of mbox, "
      f"peak RSS {ingest.rss_mb:.1f} MB")
    p(f"  audit of the same conversations in JSONL (--jobs 1): {on_jsonl.wall:.2f} s; ingest takes "
      f"{ingest.wall / on_jsonl.wall:.2f}x the audit's time (below 1: ingest is not the slower half)")
    result["mail"] = {"threads": threads, "mbox_bytes": mbox_bytes, "ingest_wall": ingest.wall,
                      "ingest_mb_s": mbox_bytes / MB / ingest.wall, "ingest_rss_mb": ingest.rss_mb,
                      "audit_jsonl_wall": on_jsonl.wall, "ratio": ingest.wall / on_jsonl.wall}
    os.remove(mbox)
    os.remove(converted)

    p(f"\n## share of replies each rule flags in the generated corpus ({size_name(rule_size)})")
    for rule in rules:
        p(f"{rule:<22} {counts.get(rule, 0):>7} {100 * counts.get(rule, 0) / max(1, replies):6.1f}%")
    result["finding_rates"] = {rule: counts.get(rule, 0) / max(1, replies) for rule in rules}

    # ---- baselines on the same text ----
    p(f"\n## baselines on the same reply text ({size_name(rule_size)}); ratio = replylint's speed ÷ the tool's")
    p(f"{'tool':<34} {'text MB':>8} {'MB/s':>9} {'replylint MB/s':>14} {'ratio':>8}")
    ru, en = corpora[rule_size]["ru"], corpora[rule_size]["en"]
    rl = {}
    for lang, part in (("all", parts), ("ru", ru), ("en", en)):
        r = audit(binary, part["jsonl"], cfg_all, 1, scratch, a.repeat) if lang != "all" else base
        rl[lang] = part["bytes"] / MB / r.wall
    baselines = {}

    def baseline(label, cmd, part, lang, nbytes=None, stdin=None, repeat=None, env=None):
        nbytes = nbytes or part["bytes"]
        r = best([run(cmd, stdin=stdin, env=env) for _ in range(repeat or a.repeat)])
        speed = nbytes / MB / r.wall
        baselines[label] = {"mb_s": speed, "ratio": rl[lang] / speed, "wall": r.wall}
        p(f"{label:<34} {nbytes / MB:>8.2f} {speed:>9.2f} {rl[lang]:>14.2f} {ratio(rl[lang], speed):>8}")

    p(f"{'replylint audit (all rules, -j1)':<34} {parts['bytes'] / MB:>8.2f} {rl['all']:>9.2f}")
    baseline("cat", ["cat", parts["txt"]], parts, "all")
    baseline("wc -w", ["wc", "-w", parts["txt"]], parts, "all")
    if tools["hunspell"]:
        baseline("hunspell -l -d ru_RU (Russian)", ["hunspell", "-l", "-d", "ru_RU"], ru, "ru", stdin=ru["txt"])
        baseline("hunspell -l -d en_US (English)", ["hunspell", "-l", "-d", "en_US"], en, "en", stdin=en["txt"])
    else:
        p("hunspell -l: not installed (apt-get install hunspell)")
    if tools["proselint"]:
        cut = os.path.join(tmp, "en-cut.txt")
        with open(en["txt"], "rb") as f, open(cut, "wb") as g:
            data = f.read(a.proselint_bytes)
            data = data[: data.rfind(b"\n") + 1] or data
            g.write(data)
        # proselint exits 1 when it finds something, and keeps its results in
        # ~/.cache/proselint: a fresh cache, or a second run reads the cache.
        cache = tempfile.mkdtemp(prefix="proselint-", dir=tmp)
        env = dict(os.environ, XDG_CACHE_HOME=cache, HOME=cache)
        baseline("proselint (English)", ["proselint", cut], en, "en", nbytes=len(data), repeat=1, env=env)
    else:
        p("proselint: not installed (apt-get install python3-proselint)")
    result["replylint_mb_s"] = rl
    result["baselines"] = baselines

    # ---- a cold check of a 1 KB Russian draft ----
    draft = os.path.join(tmp, "draft.txt")
    nbytes = write_draft(ru["txt"], draft)
    runs = [run([binary, "check", draft, "--customer-name", "Саша", "--config", cfg_all])
            for _ in range(a.check_runs)]
    walls = sorted(r.wall * 1000 for r in runs)
    med = statistics.median(walls)
    p(f"\n## cold `check` of a {nbytes}-byte Russian draft (a new process each time, {a.check_runs} runs)")
    p(f"wall ms: median {med:.1f}, min {walls[0]:.1f}, max {walls[-1]:.1f}; peak RSS {max(r.rss_mb for r in runs):.1f} MB")
    result["check"] = {"bytes": nbytes, "median_ms": med, "min_ms": walls[0], "max_ms": walls[-1],
                       "rss_mb": max(r.rss_mb for r in runs)}
    if tools["hunspell"]:
        h = sorted(run(["hunspell", "-l", "-d", "ru_RU"], stdin=draft).wall * 1000 for _ in range(a.check_runs))
        p(f"hunspell -l -d ru_RU on the same draft: median {statistics.median(h):.1f} ms "
          f"(replylint check ÷ hunspell: {med / statistics.median(h):.2f})")
        result["check"]["hunspell_median_ms"] = statistics.median(h)

    # ---- scaling with the size of one input ----
    small_m, big_m = (parse_size(x) for x in a.scale_messages.split(","))
    small_w, big_w = (parse_size(x) for x in a.scale_word.split(","))
    conv_s, word_s = scale_inputs(work, small_m, small_w, a.seed)
    conv_b, word_b = scale_inputs(work, big_m, big_w, a.seed)
    cfg_nospell = write_config(work, "no-spelling", ["spelling"] if "spelling" in rules else [])
    p(f"\n## scaling with the size of one input (--jobs 1; a conversation of {size_name(small_m)} and of "
      f"{size_name(big_m)} messages, 8 conversations each with a word of {size_name(small_w)} and of "
      f"{size_name(big_w)} bytes; time × = the "
      f"larger's time ÷ the smaller's, less start-up: linear work gives about the size ratio)")
    p(f"{'input':<40} {'small s':>8} {'large s':>8} {'size ×':>7} {'time ×':>7} {'RSS small':>9} {'RSS large':>9}")
    scaling = {}

    def scale_row(label, small, large, cfg, limit=None):
        out = os.path.join(tmp, "scale.jsonl")
        cmd = lambda path: [binary, "audit", path, "--format", "jsonl", "-o", out, "--jobs", "1", "--config", cfg]
        rs_ = best([run(cmd(small[0]), timeout=limit) for _ in range(a.repeat)])
        rl_ = best([run(cmd(large[0]), timeout=limit) for _ in range(1 if limit else a.repeat)])
        size_x = large[1] / small[1]
        if rs_.code is None or rl_.code is None:
            p(f"{label:<40} {'timeout' if rs_.code is None else f'{rs_.wall:8.2f}':>8} "
              f"{'timeout' if rl_.code is None else f'{rl_.wall:8.2f}':>8} {size_x:>6.0f}× {'—':>7}")
            scaling[label] = {"small_wall": rs_.wall, "large_wall": rl_.wall, "size_ratio": size_x,
                              "time_ratio": None, "timed_out": True}
            return
        steady = lambda r: max(1e-3, r.wall - startup.wall)
        time_x = steady(rl_) / steady(rs_)
        p(f"{label:<40} {rs_.wall:>8.2f} {rl_.wall:>8.2f} {size_x:>6.0f}× {time_x:>6.1f}× {rs_.rss_mb:>9.1f} "
          f"{rl_.rss_mb:>9.1f}")
        scaling[label] = {"small_wall": rs_.wall, "large_wall": rl_.wall, "small_rss_mb": rs_.rss_mb,
                          "large_rss_mb": rl_.rss_mb, "size_ratio": size_x, "time_ratio": time_x, "timed_out": False}

    scale_row("conversation", (conv_s, small_m),
              (conv_b, big_m), cfg_all)
    scale_row("one word, spelling off", (word_s, small_w),
              (word_b, big_w), cfg_nospell)
    if a.scale_all_rules_word:
        scale_row("one word, all rules", (word_s, small_w),
                  (word_b, big_w), cfg_all, limit=a.scale_timeout)
    result["scaling"] = scaling

    # ---- targets ----
    largest = result["sizes"][size_name(sizes[-1])]
    # Throughput and scaling from the largest run that was repeated (start-up
    # weighs least there).
    rs = result["sizes"][size_name(max([n for n in sizes if n <= 100000] or [sizes[0]]))]
    targets = [
        ("all rules, one worker ≥ 10 MB/s", rs["jobs1"]["mb_s"] >= 10, f"{rs['jobs1']['mb_s']:.2f} MB/s"),
        ("≥ 35× hunspell -l on Russian", "hunspell -l -d ru_RU (Russian)" in baselines and
         baselines["hunspell -l -d ru_RU (Russian)"]["ratio"] >= 35,
         ratio(rl["ru"], baselines.get("hunspell -l -d ru_RU (Russian)", {}).get("mb_s"))),
        ("two workers ≥ 1.8× one", rs["scaling"] >= 1.8, f"{rs['scaling']:.2f}×"),
        ("output identical for any --jobs", all(s["identical"] for s in result["sizes"].values()), ""),
        (f"peak RSS ≤ 300 MB at {size_name(sizes[-1])}", max(largest["jobs1"]["rss_mb"], largest["jobs2"]["rss_mb"]) <= 300,
         f"{max(largest['jobs1']['rss_mb'], largest['jobs2']['rss_mb']):.1f} MB"),
        ("cold check of 1 KB ≤ 150 ms", med <= 150, f"{med:.1f} ms"),
    ]
    for label, v in scaling.items():
        # Linear: ten times the input in at most twice ten times the time
        # (start-up and caches blur small runs).
        targets.append((f"linear in size: {label}", not v["timed_out"] and v["time_ratio"] <= 2 * v["size_ratio"],
                        "timed out" if v["timed_out"] else f"{v['time_ratio']:.1f}× for {v['size_ratio']:.0f}×"))
    p("\n## targets")
    for label, ok, figure in targets:
        p(f"{'met    ' if ok else 'NOT met'}  {label:<40} {figure}")
    result["targets"] = {label: ok for label, ok, _ in targets}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
