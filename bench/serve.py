#!/usr/bin/env python3
"""Benchmark for `ftlkit serve` (Python 3 stdlib only).

1. builds the release binary (`cargo build --release`);
2. serves a copy of the shipped project and the synthetic site of
   bench/build.py (generated here, or an existing one given with --site, e.g.
   the path `bench/build.sh --keep` prints);
3. measures, against the real server on a loopback port:
   - time to first byte (TTFB) of the translate view: the shipped article
     (ckb) and the largest document of the site (ar);
   - save latency: one message saved (POST to answer);
   - change-to-preview latency: a locale file written on disk (as an editor
     saves it) until the preview the server renders shows the change (the
     page polls /api/generation every 250 ms, which adds up to that much);
4. prints median and 90th percentile of each against the goals
   (< 50 ms, < 20 ms, < 500 ms).
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BINARY = os.path.join(ROOT, "target", "release", "ftlkit")


class Server:
    def __init__(self, root):
        self.proc = subprocess.Popen(
            [BINARY, "-C", root, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True
        )
        line = self.proc.stdout.readline().strip()
        m = re.match(r"ftlkit serve: http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.stop()
            sys.exit(f"no URL from ftlkit serve: {line!r}")
        self.port = int(m.group(1))
        self.root = root

    def stop(self):
        self.proc.kill()
        self.proc.wait()

    def request(self, method, path, body=None, headers=None):
        """(status, body, seconds to the status line, seconds to the whole body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        t0 = time.perf_counter()
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        first = time.perf_counter() - t0
        data = response.read().decode("utf-8")
        whole = time.perf_counter() - t0
        conn.close()
        return response.status, data, first, whole

    def view(self, locale, doc):
        status, html, _, _ = self.request("GET", f"/translate/{locale}/{doc}")
        assert status == 200, (status, html[:300])
        secret = re.search(r'data-secret="([0-9a-f]+)"', html).group(1)
        messages = re.findall(r'data-id="([^"]+)" data-state="([a-z]+)" data-token="([0-9a-f]+)"', html)
        return secret, messages

    def save(self, locale, doc, secret, msg_id, token, text):
        body = urllib.parse.urlencode({"id": msg_id, "token": token, "part:": text})
        headers = {
            "X-Ftlkit-Token": secret,
            "Origin": f"http://127.0.0.1:{self.port}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.request("POST", f"/api/save/{locale}/{doc}", body, headers)


def stats(samples):
    ms = sorted(s * 1000 for s in samples)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):6.1f} ms, p90 {p90:6.1f} ms, best {ms[0]:6.1f} ms ({len(ms)} runs)"


def ttfb(server, locale, doc, runs):
    server.request("GET", f"/translate/{locale}/{doc}")  # warm-up
    firsts, wholes = [], []
    for _ in range(runs):
        status, _, first, whole = server.request("GET", f"/translate/{locale}/{doc}")
        assert status == 200
        firsts.append(first)
        wholes.append(whole)
    return firsts, wholes


def save_latency(server, locale, doc, runs):
    secret, messages = server.view(locale, doc)
    msg_id, _, token = messages[0]
    samples = []
    for n in range(runs):
        status, body, _, whole = server.save(locale, doc, secret, msg_id, token, f"Traduction numéro {n}")
        assert status == 200, body
        token = re.search(r'"token":"([0-9a-f]+)"', body).group(1)
        samples.append(whole)
    return samples


def preview_latency(server, locale, doc, runs):
    path = os.path.join(server.root, "locales", locale, f"{doc}.ftl")
    with open(path, encoding="utf-8") as f:
        original = f.read()
    m = re.search(r"^([a-z][a-z0-9-]*-title) = (.*)$", original, re.M)
    assert m, "a title message"
    server.request("GET", f"/preview/{locale}/{doc}")  # warm-up
    samples = []
    for n in range(runs):
        marker = f"Marker{n}x{os.getpid()}"
        text = original.replace(m.group(0), f"{m.group(1)} = {marker}", 1)
        _, seen, _, _ = server.request("GET", "/api/generation")
        t0 = time.perf_counter()
        with open(path + ".bench-tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(path + ".bench-tmp", path)
        while True:
            if time.perf_counter() - t0 > 10:
                sys.exit("the change never reached the preview")
            _, gen, _, _ = server.request("GET", "/api/generation")
            if gen != seen:
                _, html, _, _ = server.request("GET", f"/preview/{locale}/{doc}")
                if marker in html:
                    break
                seen = gen
            time.sleep(0.005)
        samples.append(time.perf_counter() - t0)
        time.sleep(0.05)
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
    return samples


def shipped_copy(dest):
    for name in ("content", "locales", "l10n-state"):
        shutil.copytree(os.path.join(ROOT, name), os.path.join(dest, name))
    shutil.copy(os.path.join(ROOT, "ftlkit.toml"), dest)
    shutil.copy(os.path.join(ROOT, "glossary.toml"), dest)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", help="an existing bench/build.py site (bench/build.sh --keep); default: generate one")
    ap.add_argument("--docs", type=int, default=100, help="documents of the generated site (default 100)")
    ap.add_argument("--runs", type=int, default=30, help="samples per figure (default 30)")
    ap.add_argument("--no-cargo", action="store_true", help="skip `cargo build --release`")
    args = ap.parse_args()
    if not args.no_cargo:
        print("cargo build --release …", file=sys.stderr, flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    tmp = tempfile.mkdtemp(prefix="ftlkit-serve-bench-")
    try:
        shipped = os.path.join(tmp, "shipped")
        shipped_copy(shipped)
        site = args.site
        if not site:
            sys.path.insert(0, BENCH)
            import build  # bench/build.py: the same synthetic site

            site = os.path.join(tmp, "site")
            print(f"generating {args.docs} documents x 10 locales …", file=sys.stderr, flush=True)
            build.generate(site, args.docs, 1)
        content = os.path.join(site, "content")
        largest = max(os.listdir(content), key=lambda n: os.path.getsize(os.path.join(content, n)))[:-3]
        size = os.path.getsize(os.path.join(content, largest + ".md"))
        with open(os.path.join(site, "locales", "en-US", largest + ".ftl"), encoding="utf-8") as f:
            messages = sum(1 for line in f if re.match(r"^[a-z]", line))
        results = []
        server = Server(shipped)
        try:
            first, whole = ttfb(server, "ckb", "article", args.runs)
            results.append(("TTFB translate view, shipped article (ckb)", first, 0.050))
            results.append(("  whole page", whole, None))
            results.append(("save latency (fr/article)", save_latency(server, "fr", "article", args.runs), 0.020))
            results.append(("change on disk → preview (ckb/article)", preview_latency(server, "ckb", "article", min(args.runs, 15)), 0.500))
        finally:
            server.stop()
        server = Server(site)
        try:
            dash = [server.request("GET", "/")[3] for _ in range(5)]
            results.append((f"dashboard, whole page ({len(os.listdir(content))} documents x 9 locales)", dash, None))
            first, whole = ttfb(server, "ar", largest, args.runs)
            results.append((f"TTFB translate view, largest site document ({largest}, {size} bytes, {messages} messages, ar)", first, 0.050))
            results.append(("  whole page", whole, None))
            results.append((f"save latency (ar/{largest})", save_latency(server, "ar", largest, args.runs), 0.020))
            results.append((f"change on disk → preview (ar/{largest})", preview_latency(server, "ar", largest, min(args.runs, 15)), 0.500))
        finally:
            server.stop()
        print()
        for name, samples, goal in results:
            verdict = ""
            if goal is not None:
                ok = statistics.median(samples) < goal
                verdict = f"  goal < {goal * 1000:.0f} ms: {'met' if ok else 'MISSED'}"
            print(f"{name}\n    {stats(samples)}{verdict}")
        print(f"\nCPU cores {os.cpu_count()}; load {open('/proc/loadavg').read().split()[:3]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
