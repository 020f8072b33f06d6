#!/usr/bin/env python3
"""replylint serve over real sockets, on loopback: the LanguageTool API as
its clients call it, the native API, the limits (token, body size, too many
requests), and a graceful stop. Starts its own servers; stdlib only.

usage: serve_test.py REPLYLINT_BINARY
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BIN = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()
        if "listening on http://127.0.0.1:" not in line:
            self.proc.kill()
            raise SystemExit("serve did not start: " + line + self.proc.stderr.read())
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])
        # Drain the access log so the server never blocks on a full pipe.
        self.log = []
        threading.Thread(target=lambda: self.log.extend(self.proc.stderr), daemon=True).start()

    def request(self, method, path, body=None, headers=None, timeout=60):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict(r.getheaders()), data

    def form(self, path, fields, headers=None):
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(), h)

    def json(self, path, obj, headers=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        return self.request("POST", path, json.dumps(obj).encode(), h)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


# LanguageTool's documented answer (https://languagetool.org/http-api/): the
# fields its clients read, and their types.
MATCH_FIELDS = {"message": str, "shortMessage": str, "replacements": list, "offset": int, "length": int,
                "context": dict, "sentence": str, "rule": dict, "type": dict}


def check_lt_shape(answer, what):
    check(isinstance(answer.get("software"), dict) and answer["software"].get("name") == "replylint",
          what + ": software")
    lang = answer.get("language", {})
    check(isinstance(lang.get("name"), str) and isinstance(lang.get("code"), str), what + ": language name, code")
    check(isinstance(lang.get("detectedLanguage"), dict) and "code" in lang["detectedLanguage"],
          what + ": detectedLanguage")
    check(isinstance(answer.get("matches"), list), what + ": matches")
    for m in answer.get("matches", []):
        for k, t in MATCH_FIELDS.items():
            check(isinstance(m.get(k), t), f"{what}: match.{k} is {t.__name__}")
        for r in m.get("replacements", []):
            check(isinstance(r.get("value"), str), what + ": replacement value")
        ctx = m.get("context", {})
        check(all(isinstance(ctx.get(k), (str if k == "text" else int)) for k in ("text", "offset", "length")),
              what + ": context text/offset/length")
        rule = m.get("rule", {})
        check(isinstance(rule.get("id"), str) and isinstance(rule.get("description"), str)
              and isinstance(rule.get("issueType"), str) and isinstance(rule.get("category"), dict)
              and isinstance(rule["category"].get("id"), str) and isinstance(rule["category"].get("name"), str),
              what + ": rule id/description/issueType/category")


def main():
    s = Server("--max-body", "64KiB")
    try:
        # What the LanguageTool browser add-on posts (form fields; the extra ones are ignored).
        text = "😀👍 Hi Alex, we apologize for any inconvenience caused. Dear [NAME], the refund is on its way."
        status, headers, body = s.form("/v2/check", {
            "text": text, "language": "auto", "motherTongue": "de", "preferredVariants": "en-US,de-DE",
            "level": "default", "enabledOnly": "false", "disabledRules": "WHITESPACE_RULE"})
        check(status == 200, "/v2/check answers 200")
        check(headers.get("Content-Type", "").startswith("application/json"), "/v2/check is JSON")
        answer = json.loads(body)
        check_lt_shape(answer, "/v2/check")
        check(answer["language"]["detectedLanguage"]["code"] == "en-US", "English detected")
        by_rule = {m["rule"]["id"]: m for m in answer["matches"]}
        check("stock-phrase" in by_rule and "placeholder" in by_rule, "stock phrase and placeholder found")
        check("missing-signature" not in by_rule, "no signature rule without a channel (a text field, not an email)")
        # UTF-16 offsets: the two emoji before the phrase are 4 code units.
        for rule, phrase in (("stock-phrase", "apologize for any inconvenience"), ("placeholder", "[NAME]")):
            m = by_rule.get(rule)
            if m:
                covered = text.encode("utf-16-le")[2 * m["offset"]:2 * (m["offset"] + m["length"])].decode("utf-16-le")
                check(phrase in covered and len(covered) < len(phrase) + 25,
                      f"{rule}: UTF-16 offset {m['offset']} length {m['length']} covers {covered!r}")
                ctx = m["context"]
                check(utf16_len(ctx["text"]) >= ctx["offset"] + ctx["length"], rule + ": context offsets inside")

        # LTeX sends `data` with markup.
        data = {"annotation": [{"markup": "<p>"}, {"text": "Dear [NAME], thanks."},
                               {"markup": "</p>", "interpretAs": "\n\n"}, {"text": "🙂 Your order shipped."}]}
        status, _, body = s.form("/v2/check", {"data": json.dumps(data), "language": "en-US"})
        check(status == 200, "/v2/check with data answers 200")
        answer = json.loads(body)
        check_lt_shape(answer, "/v2/check data")
        full = "<p>Dear [NAME], thanks.</p>🙂 Your order shipped."
        ph = [m for m in answer["matches"] if m["rule"]["id"] == "placeholder"]
        check(len(ph) == 1 and full[ph[0]["offset"]:ph[0]["offset"] + ph[0]["length"]] == "[NAME]",
              "annotation offsets count the markup: " + json.dumps(ph))

        # enabledOnly.
        status, _, body = s.form("/v2/check", {"text": text, "language": "en-US", "enabledOnly": "true",
                                               "enabledRules": "placeholder"})
        check({m["rule"]["id"] for m in json.loads(body)["matches"]} == {"placeholder"}, "enabledOnly keeps one rule")
        status, _, body = s.form("/v2/check", {"text": text, "language": "en-US", "enabledOnly": "true"})
        check(status == 400, "enabledOnly without rules is a 400")

        status, _, body = s.request("GET", "/v2/check?" + urllib.parse.urlencode({"text": "Dear [NAME],", "language": "en"}))
        check(status == 200 and json.loads(body)["matches"][0]["rule"]["id"] == "placeholder", "GET /v2/check")
        status, _, body = s.request("GET", "/v2/languages")
        langs = json.loads(body)
        check(status == 200 and {"name", "code", "longCode"} <= set(langs[0]), "/v2/languages shape")

        # Errors are JSON and never echo markup from the request.
        status, headers, body = s.form("/v2/check", {"text": "x", "language": "<script>alert(1)</script>"})
        check(status == 400 and b"<script>" not in body, "a bad language is refused without echoing it")
        status, _, body = s.request("POST", "/api/v1/check", b"{\"draft\": 1}", {"Content-Type": "application/json"})
        check(status == 400 and json.loads(body)["error"]["message"] == "draft must be a string", "draft type error")
        status, _, body = s.request("GET", "/../../etc/passwd")
        check(status in (400, 404) and b"root:" not in body, "no file outside the page is served")

        # The native API: the seed case, with a fix.
        status, _, body = s.json("/api/v1/check", {
            "draft": "Добрый день, Александр!\n\nЗаказ придёт завтра.\n\nС уважением,\nИрина Петрова",
            "channel": "email", "customer": {"name": "Саша", "text": "Здравствуйте, когда придёт заказ?"}})
        rec = json.loads(body)
        check(status == 200 and any(f["rule"] == "name-form" and f.get("fix") == "Саша" for f in rec["findings"]),
              "native check finds the name form with its fix")
        check(rec.get("fixed", "").startswith("Добрый день, Саша!"), "native check returns the fixed draft")
        check(isinstance(rec.get("score"), int) and isinstance(rec.get("stars"), int), "score and stars")

        # The page: its own files only, with a strict policy.
        status, headers, body = s.request("GET", "/")
        csp = headers.get("Content-Security-Policy", "")
        check(status == 200 and "default-src 'none'" in csp and "script-src 'self'" in csp, "page CSP")
        check(b"http://" not in body and b"https://" not in body, "the page loads nothing from elsewhere")

        # A body over the limit: 413, and the server still answers others.
        status, _, body = s.request("POST", "/api/v1/check", b"x" * (70 * 1024), {"Content-Type": "application/json"})
        check(status == 413, f"oversized body gets 413 (got {status})")
        status, _, _ = s.request("GET", "/healthz")
        check(status == 200, "healthz after an oversized body")

        # Audit: JSON Lines in, records streamed back, every line counted.
        lines = [json.dumps({"id": f"c{i}", "channel": "chat", "customer": {"name": "Саша"}, "messages": [
            {"role": "customer", "text": "Когда придёт заказ?"},
            {"role": "agent", "text": "Александр, заказ придёт завтра."}]}) for i in range(3)]
        lines.insert(1, "{broken")
        status, headers, body = s.request("POST", "/api/v1/audit", "\n".join(lines).encode(),
                                          {"Content-Type": "application/x-ndjson"})
        out = [json.loads(l) for l in body.decode().splitlines()]
        summary = out[-1].get("summary", {})
        check(status == 200 and summary.get("conversations") == 3 and summary.get("rejected") == 1
              and summary.get("conserved") is True, "audit streams records and counts the broken line")
        check(sum(1 for o in out if "rejected" in o) == 1 and sum(1 for o in out if "findings" in o) == 3,
              "audit: 3 records and 1 rejection")

        status, _, body = s.request("GET", "/metrics")
        check(status == 200 and b'replylint_requests_total{route="/v2/check",status="200"}' in body
              and b"replylint_request_duration_seconds_bucket" in body and b'replylint_findings_total{rule=' in body,
              "metrics in Prometheus text")
        check(not any("Александр" in l or "apologize" in l for l in s.log), "no draft text in the access log")
    finally:
        check(s.stop() == 0, "SIGTERM stops the server with exit 0")

    # A token: every API route needs it, health does not.
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("s3cret-token-0123456789\n")
    os.chmod(f.name, 0o600)
    s = Server("--token-file", f.name)
    try:
        status, headers, _ = s.form("/v2/check", {"text": "hi", "language": "en-US"})
        check(status == 401 and "Bearer" in headers.get("WWW-Authenticate", ""), "no token: 401")
        status, _, _ = s.form("/v2/check", {"text": "hi", "language": "en-US"},
                              {"Authorization": "Bearer s3cret-token-0123456789"})
        check(status == 200, "bearer token: 200")
        status, _, _ = s.form("/v2/check", {"text": "hi", "language": "en-US", "apiKey": "s3cret-token-0123456789"})
        check(status == 200, "apiKey field: 200")
        status, _, _ = s.form("/v2/check", {"text": "hi", "language": "en-US"}, {"Authorization": "Bearer wrong"})
        check(status == 401, "wrong token: 401")
        status, _, _ = s.request("GET", "/healthz")
        check(status == 200, "healthz needs no token")
    finally:
        s.stop()
        os.unlink(f.name)

    # Not loopback without a token: refused before listening.
    r = subprocess.run([BIN, "serve", "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=60)
    check(r.returncode == 2 and "--token-file" in r.stderr, "0.0.0.0 without a token is refused")

    # A client that trickles its header, or opens and says nothing, is cut
    # off after --timeout; a long streamed answer is not.
    s = Server("--timeout", "2")
    try:
        import socket
        trickle = socket.create_connection(("127.0.0.1", s.port))
        silent = socket.create_connection(("127.0.0.1", s.port))
        head = b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        start, closed = time.time(), None
        for i in range(len(head)):
            try:
                trickle.send(head[i:i + 1])
            except OSError:
                closed = time.time() - start
                break
            trickle.settimeout(0.4)
            try:
                if trickle.recv(1) == b"":
                    closed = time.time() - start
                    break
            except socket.timeout:
                pass
        check(closed is not None and closed < 8, f"a trickling client is cut off after the timeout ({closed})")
        silent.settimeout(5)
        try:
            check(silent.recv(1) == b"", "a silent connection is closed")
        except OSError:
            pass
        big = "\n".join(json.dumps({"id": f"t{i}", "channel": "email", "messages": [
            {"role": "customer", "text": "Where is my order?"},
            {"role": "agent", "text": "Hello! Your order left the warehouse today and will arrive on Friday. " * 30}]})
            for i in range(400))
        status, _, body = s.request("POST", "/api/v1/audit", big.encode(), {"Content-Type": "application/x-ndjson"})
        lines = body.decode().splitlines()
        check(status == 200 and json.loads(lines[-1])["summary"]["conversations"] == 400,
              "a streamed audit is not cut by the request deadline")
        status, _, _ = s.request("GET", "/healthz")
        check(status == 200, "the server answers after cutting slow clients")
    finally:
        s.stop()

    # Too many at once: answered 503 with Retry-After, the rest 200.
    s = Server("--max-requests", "1", "-j", "1")
    try:
        draft = ("Добрый день! Ваш заказ отправлен, трек-номер придёт письмом. " * 400).strip()
        results = []

        def one():
            st, h, _ = s.json("/api/v1/check", {"draft": draft, "channel": "email"})
            results.append((st, h.get("Retry-After")))

        threads = [threading.Thread(target=one) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(all(st == 200 or (st == 503 and ra == "1") for st, ra in results), f"200 or 503+Retry-After: {results}")
        check(any(st == 503 for st, _ in results) and any(st == 200 for st, _ in results),
              f"over the limit some are refused and some answered: {[st for st, _ in results]}")
    finally:
        s.stop()

    # SIGTERM while a streamed audit is in hand: it is answered in full, a
    # new request meanwhile is told 503, then the server exits 0.
    s = Server("-j", "1")
    big = "\n".join(json.dumps({"id": f"c{i}", "channel": "email", "messages": [
        {"role": "customer", "text": "Where is my order? When will it arrive?"},
        {"role": "agent", "text": "Hello! Your order left the warehouse today and will arrive on Friday. " * 20}]})
        for i in range(300))
    c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=120)
    c.request("POST", "/api/v1/audit", big.encode(), {"Content-Type": "application/x-ndjson"})
    r = c.getresponse()
    first = r.read(200)  # the stream has begun
    s.proc.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    try:
        status, headers, _ = s.request("GET", "/healthz", timeout=10)
        check(status == 503 and headers.get("Retry-After") == "1", f"a new request while draining gets 503 ({status})")
    except OSError:
        pass  # the audit already ended and the server closed: nothing to check
    body = first + r.read()
    c.close()
    code = s.proc.wait(timeout=120)
    lines = body.decode().splitlines()
    last = json.loads(lines[-1]) if lines else {}
    check(code == 0, "graceful stop exits 0")
    check(r.status == 200 and last.get("summary", {}).get("conversations") == 300 and len(lines) == 301,
          f"the audit in hand at SIGTERM is answered in full ({len(lines)} lines)")

    if failures:
        print(f"{len(failures)} failure(s)", file=sys.stderr)
        sys.exit(1)
    print("serve: all checks passed")


main()
