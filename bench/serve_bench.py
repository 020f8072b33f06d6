#!/usr/bin/env python3
"""`replylint serve` under load, on loopback: a bounded run of Debian's `wrk`
against a server this script starts, reported against a baseline measured in
the same run.

    bench/serve_bench.py                    # 100 000 checks of a 1 KB draft
    bench/serve_bench.py --requests 20000   # quicker

It reports:
  - the baseline: GET /healthz (HTTP and the server's plumbing, no analysis),
    requests/s and p50/p99 latency;
  - POST /api/v1/check with a 1 KB Russian draft and its customer's context,
    and POST /v2/check (LanguageTool's form API) with the same draft:
    requests/s, p50/p99, and the ratio to the baseline;
  - the server's resident memory (VmRSS) after each slice of the check run,
    so growth over the 100 000 requests shows (flat: last/first near 1.00);
  - the check run again while 50 slow clients trickle their headers a byte a
    second and another client keeps posting 2 MB bodies: p99 next to the
    undisturbed run, how many big bodies were refused with 413, and whether
    the slow clients were cut off by the server's timeout.

wrk runs on the same machine with 2 threads, so on 2 cores the server gets
less than the whole machine: compare ratios from one run, not across runs.
Missing wrk is installed with apt-get unless --no-install.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DRAFT = ("Добрый день, Александр!\n\n"
         "Спасибо, что написали. Я проверила ваш заказ № 48213: он собран на складе в Подольске и передан в "
         "службу доставки сегодня в 14:20. Курьер привезёт его завтра с 10:00 до 14:00, перед приездом он "
         "позвонит. Если это время неудобно, ответьте на это письмо — перенесём доставку на любой день недели.\n\n"
         "По второму вопросу: бонусные баллы за заказ начислятся через 14 дней после получения, их можно "
         "списать на следующую покупку (до 30% суммы).\n\n"
         "С уважением,\nИрина Петрова, служба поддержки")


def ensure_wrk(install):
    if shutil.which("wrk") or not install:
        return shutil.which("wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "wrk"], check=False,
                   stdout=subprocess.DEVNULL, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    return shutil.which("wrk")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def parse_wrk(out):
    """requests, requests/s, p50 and p99 in ms, non-2xx count, socket errors."""
    r = {"requests": 0, "rps": 0.0, "p50": None, "p99": None, "non2xx": 0, "errors": 0}
    m = re.search(r"(\d+) requests in", out)
    if m:
        r["requests"] = int(m.group(1))
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        r["rps"] = float(m.group(1))
    for pct, key in (("50", "p50"), ("99", "p99")):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if m:
            r[key] = float(m.group(1)) * UNITS[m.group(2)]
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        r["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        r["errors"] = sum(int(x) for x in m.groups())
    return r


def wrk(url, seconds, connections, script=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def post_script(work, name, body, content_type):
    path = os.path.join(work, name + ".body")
    with open(path, "wb") as f:
        f.write(body)
    script = os.path.join(work, name + ".lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\n'
                f'local f = io.open("{path}", "rb"); wrk.body = f:read("*a"); f:close()\n'
                f'wrk.headers["Content-Type"] = "{content_type}"\n')
    return script


def start_server(binary):
    proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--quiet", "--timeout", "5"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not m:
        proc.kill()
        sys.exit("serve did not start: " + line)
    return proc, int(m.group(1))


def slow_clients(port, n, stop, report):
    """n connections that send a request's header one byte a second: the
    server (--timeout 5) must cut them off, and serve the others meanwhile."""
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(0.2)
        socks.append(s)
    head = b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    i = 0
    while not stop.is_set() and i < len(head):
        for s in socks:
            try:
                s.send(head[i:i + 1])
            except OSError:
                pass
        i += 1
        stop.wait(1.0)
    closed = 0
    for s in socks:
        try:
            closed += s.recv(1) == b""
        except socket.timeout:
            pass
        except OSError:
            closed += 1
        s.close()
    report["slow_closed"] = closed


def big_bodies(port, stop, report):
    """Posts 2 MB bodies until stopped; counts the answers by status."""
    body = b"x" * (2 << 20)
    counts = {}
    while not stop.is_set():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body))
            try:
                s.sendall(body)
            except OSError:
                pass  # the server answered 413 and closed before reading it all
            status = s.recv(64).split(b" ")[1].decode()
            counts[status] = counts.get(status, 0) + 1
            s.close()
        except (OSError, IndexError):
            counts["error"] = counts.get("error", 0) + 1
        stop.wait(0.05)
    report["big"] = counts


def ms(v):
    return "n/a" if v is None else f"{v:.2f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--requests", type=int, default=100000, help="checks in the memory run (default 100 000)")
    ap.add_argument("--connections", type=int, default=2, help="wrk connections (default 2: one per core, so latency is the server's, not a queue's)")
    ap.add_argument("--slice", type=int, default=5, help="seconds per wrk run of the memory run (default 5)")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()
    binary = os.path.join(a.build, "replylint")
    if not ensure_wrk(not a.no_install):
        sys.exit("wrk is not installed (apt-get install wrk)")
    work = tempfile.mkdtemp(prefix="serve-bench-")
    native = post_script(work, "native", json.dumps({
        "draft": DRAFT, "channel": "email",
        "customer": {"name": "Саша", "text": "Здравствуйте! Когда привезут заказ 48213? И когда начислят баллы?"}},
        ensure_ascii=False).encode(), "application/json")
    lt = post_script(work, "lt", urllib.parse.urlencode({"text": DRAFT, "language": "auto"}).encode(),
                     "application/x-www-form-urlencoded")
    figures = {"draft_bytes": len(DRAFT.encode())}
    proc, port = start_server(binary)
    base = f"http://127.0.0.1:{port}"
    try:
        wrk(base + "/api/v1/check", 2, a.connections, native)  # warm every thread's worker
        figures["healthz"] = wrk(base + "/healthz", 5, a.connections)
        figures["lt"] = wrk(base + "/v2/check", 5, a.connections, lt)
        # The memory run: slices of wrk until the requests are done, RSS after each.
        rss, slices, done = [rss_kb(proc.pid)], [], 0
        while done < a.requests:
            r = wrk(base + "/api/v1/check", a.slice, a.connections, native)
            slices.append(r)
            done += r["requests"]
            rss.append(rss_kb(proc.pid))
        total_time = sum(r["requests"] / r["rps"] for r in slices if r["rps"])
        figures["check"] = {
            "requests": done, "rps": done / total_time if total_time else 0,
            "p50": sorted(r["p50"] for r in slices)[len(slices) // 2],
            "p99": max(r["p99"] for r in slices),
            "non2xx": sum(r["non2xx"] for r in slices), "errors": sum(r["errors"] for r in slices),
            "rss_kb": rss}
        # Under abuse: slow clients and oversized bodies beside the same load.
        stop, report = threading.Event(), {}
        helpers = [threading.Thread(target=slow_clients, args=(port, 50, stop, report)),
                   threading.Thread(target=big_bodies, args=(port, stop, report))]
        for t in helpers:
            t.start()
        time.sleep(1)
        figures["abused"] = wrk(base + "/api/v1/check", 10, a.connections, native)
        stop.set()
        for t in helpers:
            t.join()
        figures["abused"].update(report)
        figures["rss_end_kb"] = rss_kb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    h, c, l, ab = figures["healthz"], figures["check"], figures["lt"], figures["abused"]
    print(f"replylint serve on loopback, {os.cpu_count()} cores, wrk -t2 -c{a.connections}, "
          f"draft {figures['draft_bytes']} bytes")
    print(f"  baseline GET /healthz:   {h['rps']:9.0f} req/s  p50 {ms(h['p50'])}  p99 {ms(h['p99'])}")
    print(f"  POST /api/v1/check:      {c['rps']:9.0f} req/s  p50 {ms(c['p50'])}  p99 {ms(c['p99'])} (worst slice)"
          f"  = {c['rps'] / h['rps']:.3f}x the baseline's rate; {c['requests']} requests, "
          f"{c['non2xx']} not 2xx, {c['errors']} socket errors")
    print(f"  POST /v2/check:          {l['rps']:9.0f} req/s  p50 {ms(l['p50'])}  p99 {ms(l['p99'])}"
          f"  = {l['rps'] / h['rps']:.3f}x the baseline's rate")
    r = c["rss_kb"]
    print(f"  RSS over the check run:  {r[0] / 1024:.1f} MB before, {r[1] / 1024:.1f} MB after the first slice, "
          f"{r[-1] / 1024:.1f} MB at the end (last/first slice {r[-1] / r[1]:.3f})")
    print(f"  with 50 slow clients and 2 MB bodies: {ab['rps']:.0f} req/s  p50 {ms(ab['p50'])}  p99 {ms(ab['p99'])}"
          f" ({ab['rps'] / c['rps']:.3f}x the undisturbed rate); big bodies answered {ab.get('big')}; "
          f"slow clients cut off by the server's request deadline: {ab.get('slow_closed')}/50")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(figures, f, indent=1)


if __name__ == "__main__":
    main()
