#!/usr/bin/env python3
"""The HTML report in a real browser (Debian's chromium, headless).

  check_report.py REPLYLINT SOURCE_DIR

Writes the report of tests/e2e/fixtures/qa_team.jsonl (which holds a reply with
<script> and an <img onerror> in its text), then:
  1. checks that the inline script's SHA-256 is the one the page's
     Content-Security-Policy allows (prints the right value when not);
  2. loads the page with --dump-dom: the script ran (data-js="ok"), threw
     nothing (no data-js-error), and the reply's markup did not run (no
     data-xss) but shows as text;
  3. takes a screenshot, decodes the PNG and checks that it is not blank and
     shows the charts' colours;
  4. fails on any console message or CSP violation Chromium logged.
Exits 77 (ctest: skipped) when chromium is not installed, except under CI
(CI=true), where a missing browser is a failure: CI installs it.
"""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png import read_png  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def chromium(url, work, *extra):
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    cmd = [BROWSER] + FLAGS + ["--user-data-dir=" + profile] + list(extra) + [url]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    # Console messages and CSP refusals, whatever their level.
    problems = [line for line in run.stderr.splitlines()
                if "CONSOLE" in line or "Refused to" in line or "Uncaught" in line]
    if problems:
        fail("the page logged:\n  " + "\n  ".join(problems))
    if run.returncode != 0:
        fail(f"chromium exited {run.returncode}:\n{run.stderr[-2000:]}")
    return run.stdout


def main():
    global BROWSER
    replylint, src = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="replylint-html-")
    try:
        report = os.path.join(work, "report.html")
        subprocess.run([replylint, "audit", os.path.join(src, "tests/e2e/fixtures/qa_team.jsonl"), "--format", "html",
                        "--goal", "stars=4.5,replies=30", "-o", report], check=False, capture_output=True)
        if not os.path.exists(report):
            fail("replylint wrote no report")
        html = open(report, encoding="utf-8").read()

        scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
        if len(scripts) != 1:
            fail(f"expected the page's one script, found {len(scripts)} <script> elements")
        digest = "sha256-" + base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
        if f"script-src '{digest}'" not in html:
            fail(f"the CSP does not allow the page's script: set kScriptHash in src/report/html_report.cc to \"{digest}\"")
        print("ok: the Content-Security-Policy allows exactly the page's script")

        BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
        if not BROWSER:
            if os.environ.get("CI") == "true":
                fail("chromium is not installed, and CI must run this test (bootstrap.sh test installs it)")
            print("SKIPPED: chromium is not installed (apt-get install chromium, or ./bootstrap.sh test)")
            sys.exit(77)

        url = "file://" + report
        dom = chromium(url, work, "--dump-dom")
        root = re.search(r"<html[^>]*>", dom)  # the script and the reply write their marks here
        if not root:
            fail("--dump-dom printed no page")
        if 'data-js="ok"' not in root.group(0):
            fail("the page's script did not run to its end (blocked by the CSP, or it threw)")
        if "data-js-error" in root.group(0):
            fail("the page's script reported an error: " + root.group(0))
        if "data-xss" in root.group(0) or "<img" in dom:
            fail("markup from a reply's text ran in the page")
        if "&lt;script&gt;alert('x')&lt;/script&gt;" not in dom and "&lt;script&gt;alert(&#39;x&#39;)" not in dom:
            fail("the reply's <script> text is not shown as text")
        print("ok: the script ran, threw nothing; the reply's markup shows as text and did not run")

        shot = os.path.join(work, "report.png")
        chromium(url, work, "--screenshot=" + shot, "--window-size=900,1100", "--hide-scrollbars")
        width, height, channels, rows = read_png(shot)
        if (width, height) != (900, 1100):
            fail(f"screenshot is {width}x{height}, expected 900x1100")
        colours, inked, green = set(), 0, 0
        for row in rows[::2]:
            for x in range(0, width * channels, channels * 2):
                r, g, b = row[x], row[x + 1], row[x + 2]
                colours.add((r >> 3, g >> 3, b >> 3))
                if r < 235 or g < 235 or b < 235:
                    inked += 1
                if abs(r - 0x2e) < 24 and abs(g - 0x7d) < 24 and abs(b - 0x32) < 24:
                    green += 1  # the 5-star bars of the score distribution
        total = (height // 2) * (width // 2)
        print(f"ok: screenshot {width}x{height}: {len(colours)} colours, {100 * inked / total:.1f}% inked, "
              f"{green} chart-green samples")
        if len(colours) < 20 or inked < total * 0.03:
            fail("the screenshot is (nearly) blank")
        if green < 100:
            fail("the score distribution's bars are not in the screenshot")
        print("1 passed, 0 failed")
    finally:
        shutil.rmtree(work, ignore_errors=True)


BROWSER = None
if __name__ == "__main__":
    main()
