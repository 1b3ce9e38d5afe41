#!/usr/bin/env python3
"""Speed and memory of `ftlkit lsp` (issue 24), as an editor sees them.

Generates a project of 100 target locales whose largest file is the size of
mozilla.org's largest (3,000 lines: 1,000 messages with a comment, a variable
and an attribute), then, over stdio with Content-Length frames:

- start-up: process start to the `initialize` answer (median of 5 starts);
- diagnostics after a change: didChange sent to publishDiagnostics received,
  on the 3,000-line Arabic file, 40 changes alternating a lost `{ $count }`
  and its repair (median, p95, max; each change checked for the finding);
- memory: the server's peak resident set (VmHWM) at the end.

With --relay DIR (Firefox Relay's translations, an l10n.toml project) the
same on real files: start-up and change latency on its largest German file.

Standard library only. Prints one line per figure.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LOCALES = 100
MESSAGES = 1000


class Server:
    def __init__(self, binary, root, args=()):
        self.proc = subprocess.Popen(
            [binary, "lsp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=root)
        self.root = root
        self.next_id = 1
        self.backlog = []

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("the server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, value = line.decode().split(":", 1)
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def wait(self, pick):
        for n, message in enumerate(self.backlog):
            if pick(message):
                return self.backlog.pop(n)
        while True:
            message = self.read()
            if pick(message):
                return message
            if message.get("method") == "window/logMessage":
                self.backlog.append(message)

    def request(self, method, params):
        ident = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self):
        uri = "file://" + os.path.abspath(self.root)
        answer = self.request("initialize", {"processId": None, "rootUri": uri, "capabilities": {}})
        self.notify("initialized", {})
        # The server says what it loaded: a project, not "no project".
        log = self.wait(lambda m: m.get("method") == "window/logMessage")
        self.loaded = log["params"]["message"]
        assert "no project" not in self.loaded, self.loaded
        return answer

    def diagnostics(self, uri):
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri)
        return m["params"]["diagnostics"]

    def peak_rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(10)


def generate(root):
    os.makedirs(os.path.join(root, "content"))
    # Private-use language codes (qaa–qtz), and Arabic.
    letters = "abcdefghijklmnopqrstuvwxyz"
    locales = [f"q{letters[n // 26]}{letters[n % 26]}" for n in range(LOCALES - 1)] + ["ar"]
    with open(os.path.join(root, "ftlkit.toml"), "w") as f:
        f.write('source-locale = "en-US"\nlocales = [%s]\n' % ", ".join(f'"{l}"' for l in locales))
    en, ar = [], []
    for n in range(MESSAGES):
        en.append(f"# $count is how many items the list {n} has.\n"
                  f"big-message-{n} = You have {{ $count }} items in list {n}\n"
                  f"    .title = List {n}\n")
        ar.append(f"big-message-{n} = لديك {{ $count }} عناصر في القائمة {n}\n"
                  f"    .title = القائمة {n}\n")
    english = "".join(en)
    arabic = "".join(ar)
    for locale in ["en-US"] + locales:
        folder = os.path.join(root, "locales", locale)
        os.makedirs(folder)
        with open(os.path.join(folder, "big.ftl"), "w") as f:
            f.write(english if locale == "en-US" else arabic)
    return english.count("\n"), arabic


def generate_many(root, files=1000, messages=30):
    """One locale (de) of `files` small files besides the 3,000-line one, as a
    Firefox locale has: the other files are the scope of the one edited."""
    os.makedirs(os.path.join(root, "content"))
    with open(os.path.join(root, "ftlkit.toml"), "w") as f:
        f.write('source-locale = "en-US"\nlocales = ["de"]\n')
    for locale, word in (("en-US", "Hello"), ("de", "Hallo")):
        folder = os.path.join(root, "locales", locale)
        os.makedirs(folder)
        for n in range(files):
            with open(os.path.join(folder, f"f{n:04d}.ftl"), "w") as f:
                f.write("".join(f"f{n}-m{m} = {word} {{ $n }} {{ -brand }}\n" for m in range(messages)))
        big = "".join(f"# c\nbig-{n} = {word} {{ $count }} {{ -brand }}\n    .title = T {n}\n"
                      for n in range(MESSAGES))
        with open(os.path.join(folder, "big.ftl"), "w") as f:
            f.write(big + "-brand = Firefox\n")
    return os.path.join(root, "locales", "de", "big.ftl")


def startup(binary, root, runs=5):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        server = Server(binary, root)
        answer = server.initialize()
        times.append((time.perf_counter() - t0) * 1000)
        assert answer["result"]["serverInfo"]["name"] == "ftlkit", answer
        server.stop()
    return statistics.median(times), max(times)


def latency(server, path, text, broken, code, changes=40):
    uri = "file://" + os.path.abspath(path)
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "fluent", "version": 1, "text": text}})
    server.diagnostics(uri)
    times = []
    for n in range(changes):
        now = broken if n % 2 == 0 else text
        t0 = time.perf_counter()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [{"text": now}]})
        found = [d["code"] for d in server.diagnostics(uri)]
        times.append((time.perf_counter() - t0) * 1000)
        assert (code in found) == (n % 2 == 0), (n, found)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def templates(binary, root):
    """A locale in progress: the 1,000 messages as the templates `ftlkit sync`
    writes (a file of 3,000-odd lines), as `init` leaves a new locale. The
    missing messages are one diagnostic for the file, not one each (issue 29):
    diagnostics latency and the size of what is sent per change."""
    path = os.path.join(root, "locales", "ar", "big.ftl")
    with open(path, "w") as f:
        f.write("")
    subprocess.run([binary, "sync", "ar"], cwd=root, check=True, capture_output=True)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert text.count("# (untranslated) ") == MESSAGES, text[:300]
    broken = text + "big-message-500 = لديك عناصر في القائمة 500\n    .title = القائمة 500\n"
    server = Server(binary, root)
    server.initialize()
    med, p95, top = latency(server, path, text, broken, "missing-variable")
    uri = "file://" + os.path.abspath(path)
    server.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 1000}, "contentChanges": [{"text": text}]})
    diagnostics = server.diagnostics(uri)
    size = len(json.dumps({"uri": uri, "diagnostics": diagnostics}))
    missing = [d for d in diagnostics if d["code"] == "missing-message"]
    print(f"a file of {MESSAGES} templates ({text.count(chr(10))} lines): diagnostics after a change "
          f"median {med:.1f} ms, p95 {p95:.1f} ms, max {top:.1f} ms (goal < 20 ms); "
          f"{len(diagnostics)} diagnostics, {size / 1024:.1f} KB per publish "
          f"({len(missing)} for the missing messages)")
    server.stop()
    assert len(missing) == 1, missing[:3]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--relay")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    root = tempfile.mkdtemp(prefix="ftlkit-lsp-bench-")
    try:
        lines, arabic = generate(root)
        median, worst = startup(binary, root)
        print(f"start-up, {LOCALES} locales: median {median:.0f} ms, slowest {worst:.0f} ms (goal < 300 ms)")
        server = Server(binary, root)
        server.initialize()
        print(f"loaded: {server.loaded}")
        path = os.path.join(root, "locales", "ar", "big.ftl")
        broken = arabic.replace("لديك { $count } عناصر في القائمة 500\n", "لديك عناصر في القائمة 500\n")
        assert broken != arabic
        med, p95, top = latency(server, path, arabic, broken, "missing-variable")
        print(f"diagnostics after a change, {lines}-line file: median {med:.1f} ms, p95 {p95:.1f} ms, "
              f"max {top:.1f} ms (goal < 20 ms)")
        print(f"memory: peak RSS {server.peak_rss_mb():.0f} MB (goal < 200 MB)")
        server.stop()
        templates(binary, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    root = tempfile.mkdtemp(prefix="ftlkit-lsp-bench-")
    try:
        path = generate_many(root)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        broken = text.replace("big-500 = Hallo { $count }", "big-500 = Hallo", 1)
        server = Server(binary, root)
        server.initialize()
        t0 = time.perf_counter()
        uri = "file://" + os.path.abspath(path)
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "fluent", "version": 1, "text": text}})
        server.diagnostics(uri)
        first = (time.perf_counter() - t0) * 1000
        med, p95, top = latency(server, path, text, broken, "missing-variable")
        print(f"a locale of 1,001 files (30,000 other ids in scope): first diagnostics {first:.0f} ms "
              f"(2,002 files read), then after a change median {med:.1f} ms, p95 {p95:.1f} ms, "
              f"max {top:.1f} ms; peak RSS {server.peak_rss_mb():.0f} MB")
        server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if args.relay:
        relay = os.path.abspath(args.relay)
        median, worst = startup(binary, relay)
        print(f"Firefox Relay (l10n.toml) start-up: median {median:.0f} ms, slowest {worst:.0f} ms")
        server = Server(binary, relay)
        server.initialize()
        print(f"loaded: {server.loaded}")
        path = os.path.join(relay, "de", "misc.ftl")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        needle = next(l for l in text.splitlines() if "{ $" in l and " = " in l)
        variable = needle[needle.index("{ $"):needle.index("}", needle.index("{ $")) + 1]
        broken = text.replace(needle, needle.replace(variable, ""), 1)
        med, p95, top = latency(server, path, text, broken, "missing-variable")
        print(f"Firefox Relay de/misc.ftl ({text.count(chr(10))} lines): median {med:.1f} ms, "
              f"p95 {p95:.1f} ms, max {top:.1f} ms; peak RSS {server.peak_rss_mb():.0f} MB")
        server.stop()
        if not parity(binary, relay):
            return 1


def parity(binary, relay, locales=("de", "ar", "fr", "zh-CN", "en")):
    """Every file of some Relay locales opened as is: its diagnostics are
    what `ftlkit check --config l10n.toml` reports for it (code, line,
    severity, message). Relay lists its reference `en` as a locale too:
    there the server leaves out check's `identical` (every message is the
    same as itself) and adds the reference's own checks, which check
    reports for the same file."""
    run = subprocess.run([binary, "check", "--config", "l10n.toml", "--format", "json"],
                         cwd=relay, capture_output=True, text=True)
    findings = json.loads(run.stdout)["findings"]
    severity = {"error": 1, "warning": 2, "info": 3}
    server = Server(binary, relay)
    server.initialize()
    same = files = 0
    for locale in locales:
        folder = os.path.join(relay, locale)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ftl"):
                continue
            rel = f"{locale}/{name}"
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            uri = "file://" + os.path.join(relay, rel)
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "fluent", "version": 1, "text": text}})
            # `inconsistent` (info) compares a translation with the whole
            # locale's: check sees every file, the server the open one and
            # the ids of the others, so it is left out of the comparison.
            skip = ("missing-message", "inconsistent")
            got = sorted((d["code"], d["range"]["start"]["line"], d["severity"], d["message"])
                         for d in server.diagnostics(uri) if d["code"] not in skip)
            want = sorted((f["code"], max(f["line"] - 1, 0), severity[f["severity"]], f["message"])
                          for f in findings if f["path"] == rel and f["locale"] == locale
                          and f["code"] not in skip
                          and not (locale == "en" and f["code"] == "identical"))
            files += 1
            if got == want:
                same += 1
            else:
                print(f"  {rel}: lsp {got[:3]} … check {want[:3]} …")
            server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            server.diagnostics(uri)
    server.stop()
    print(f"Firefox Relay parity with check: {same}/{files} files with the same findings")
    return same == files


if __name__ == "__main__":
    sys.exit(main())
