#!/usr/bin/env python3
"""Benchmark for `ftlkit build` (Python 3 stdlib only).

1. builds the release binary (`cargo build --release`);
2. generates a synthetic site in a temp directory: N Markdown documents
   (default 100) x 10 locales (en-US source + 9 targets), runs
   `ftlkit extract`, then writes pseudo-translations of ~85% of each
   document's messages for every target locale;
3. times `ftlkit build` (first run into an empty dist/, then more runs after
   `rm -rf dist`), measuring peak RSS with `/usr/bin/time -v`;
4. prints documents, locales, pages, wall seconds (best and median),
   pages/s, peak RSS and CPU count.

See bench/README.md.
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "ftlkit")
GOAL_PAGES_PER_SECOND = 2500  # issue 13, on this site (100 documents), a 2-core machine
TIME = "/usr/bin/time"

SOURCE_LOCALE = "en-US"
TARGETS = ["ar", "fr", "ckb", "de", "ja", "ru", "he", "fa", "es"]
# Locales whose real page.ftl ships with the project (the others get en-US's).
REAL_PAGE_FTL = {"ar", "fr", "ckb"}
ARABIC_SCRIPT = {"ar", "fa", "ckb"}
HEBREW_SCRIPT = {"he"}
PRESENT_SHARE = 0.85

# ---------------------------------------------------------------------------
# English-ish source text

NOUNS = """
city river market school library government council minister country village
harbour railway museum festival language family garden mountain island
province company factory newspaper teacher student doctor farmer engineer
writer journalist artist community neighbourhood hospital university bridge
road station winter summer season history tradition culture economy election
parliament border coast desert forest valley bakery kitchen recipe morning
evening decade century journey report story letter photograph archive
network project budget reform protest water electricity harvest climate
""".split()
ADJECTIVES = """
old new small large quiet busy local national regional ancient modern
beautiful difficult important famous popular public private rural urban
green dry cold warm bright narrow wide early late recent careful
independent traditional seasonal historic crowded empty rich poor
""".split()
VERBS = """
built opened closed visited described changed explained protected
restored discovered followed organised reported published crossed
supported questioned remembered celebrated repaired planted measured
welcomed announced collected studied painted translated moved
""".split()
ADVERBS = """
slowly quickly quietly carefully finally recently often rarely
suddenly gradually eventually always never sometimes openly
""".split()
CONNECTORS = """
however meanwhile afterwards nevertheless therefore moreover
instead later today yesterday
""".split()
FIRST_NAMES = """
Amina Omar Layla Yusuf Sara Karim Nadia Tariq Hana Sami Leila Idris
Maria Jonas Elena Pierre Sofia Lukas Anna Mateo Ingrid Kenji Aiko Ivan
""".split()
LAST_NAMES = """
Haddad Rahman Nasser Khalil Aziz Saleh Mansour Darwish Faraj Jaber
Dupont Weber Rossi Novak Tanaka Petrov Garcia Larsen Okafor Silva
""".split()


def cap(s):
    return s[:1].upper() + s[1:]


def sentence(rng, emphasis=0.0, link=0.0):
    """One sentence of roughly 8-20 words, maybe with *emphasis* or a [link](url)."""

    def np():
        return rng.choice(
            [
                ["the", rng.choice(NOUNS)],
                ["the", rng.choice(ADJECTIVES), rng.choice(NOUNS)],
                ["the", rng.choice(NOUNS), "of", "the", rng.choice(NOUNS)],
                [rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)],
            ]
        )

    words = []
    if rng.random() < 0.2:
        words.append(cap(rng.choice(CONNECTORS)) + ",")
    words += np()
    if rng.random() < 0.4:
        words.append(rng.choice(ADVERBS))
    words.append(rng.choice(VERBS))
    words += np()
    for extra in rng.sample(["in", "with", "for", "and", "after"], rng.randint(0, 2)):
        if extra == "for":
            words += ["for", str(rng.randint(2, 40)), "years"]
        elif extra == "and":
            words += ["and", rng.choice(VERBS), "it", rng.choice(ADVERBS)]
        else:
            words += [extra] + np()
    words[0] = cap(words[0])
    if rng.random() < emphasis:
        i = rng.randrange(1, len(words))
        j = min(len(words), i + rng.randint(1, 3))
        if not any(w.endswith(",") for w in words[i:j]):
            words[i] = "*" + words[i]
            words[j - 1] = words[j - 1] + "*"
    if rng.random() < link:
        i = rng.randrange(1, len(words))
        j = min(len(words), i + rng.randint(1, 3))
        if not any("*" in w or w.endswith(",") for w in words[i:j]):
            slug = "-".join(re.sub(r"\W", "", w).lower() for w in words[i:j])
            words[i] = "[" + words[i]
            words[j - 1] = words[j - 1] + f"](https://example.com/{slug})"
    return " ".join(words) + rng.choice([".", ".", ".", ".", ".", "!", "?"])


def paragraph(rng):
    """A paragraph of 40-120 words."""
    goal = rng.randint(40, 120)
    out, n = [], 0
    while n < goal - 6:
        s = sentence(rng, emphasis=0.25, link=0.15)
        out.append(s)
        n += len(s.split())
    return " ".join(out)


def title(rng, words=(3, 7)):
    ws = ["the", rng.choice(ADJECTIVES), rng.choice(NOUNS), "of", rng.choice(NOUNS)]
    ws += [rng.choice(ADJECTIVES), rng.choice(NOUNS)][: max(0, rng.randint(*words) - 5)]
    return " ".join(cap(w) if w not in ("of", "the") or i == 0 else w for i, w in enumerate(ws))


def document(rng, n):
    """Markdown text of document number n."""
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    lines = ["+++", f'author = "{author}"']
    if rng.random() < 0.5:
        lines.append(f'editor = "{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"')
    lines += ["+++", "", f"# {title(rng)} ({n})", ""]
    for _ in range(rng.randint(1, 2)):  # lead
        lines += [paragraph(rng), ""]
    for s in range(rng.randint(3, 5)):
        lines += [f"## {title(rng, (3, 5))}", ""]
        for _ in range(rng.randint(1, 3)):
            lines += [paragraph(rng), ""]
        if rng.random() < 0.6:
            for _ in range(rng.randint(2, 4)):
                item = sentence(rng, emphasis=0.2, link=0.3).rstrip(".!?")
                lines.append(f"- {item}")
            lines.append("")
            if rng.random() < 0.5:
                lines += [paragraph(rng), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Pseudo-translation

ARABIC_WORDS = """
كتاب بيت مدينة ماء شمس قمر طريق علم يوم ليل سماء أرض قلب نور بحر جبل
وقت عمل حياة لغة شعب تاريخ سوق مدرسة باب نهر شجرة كلمة صديق عائلة
""".split()
HEBREW_WORDS = """
ספר בית עיר מים שמש ירח דרך יום לילה שמיים ארץ לב אור ים הר זמן
עבודה חיים שפה עם היסטוריה שוק בית-ספר דלת נהר עץ מילה חבר משפחה
""".split()
ACCENTS = str.maketrans(
    "aeiouycnAEIOUYCN", "áéíóúýçñÁÉÍÓÚÝÇÑ"
)

# A link, a placeable (e.g. `{ "{" }`), or a word; everything else is kept.
TOKEN = re.compile(r"\[([^\]]*)\]\(([^)]*)\)|(\{[^}]*\})|([^\W\d_]+(?:'[^\W\d_]+)?)")


def translate_word(word, locale):
    if locale in ARABIC_SCRIPT or locale in HEBREW_SCRIPT:
        words = HEBREW_WORDS if locale in HEBREW_SCRIPT else ARABIC_WORDS
        return words[zlib.crc32(word.lower().encode()) % len(words)]
    return word.translate(ACCENTS)


def translate(text, locale):
    def sub(m):
        if m.group(1) is not None:  # [text](url): translate the text only
            return "[" + translate(m.group(1), locale) + "](" + m.group(2) + ")"
        if m.group(3) is not None:  # placeable: keep
            return m.group(3)
        return translate_word(m.group(4), locale)

    return TOKEN.sub(sub, text)


MESSAGE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*) = (.*)$")


def translations(en_ftl, locale, rng):
    """The target locale's file for en-US file text `en_ftl`."""
    out = [f"# Pseudo-translation ({locale}) generated by bench/build.py.", ""]
    for line in en_ftl.splitlines():
        m = MESSAGE.match(line)
        if not m or rng.random() >= PRESENT_SHARE:
            continue
        out.append(f"{m.group(1)} = {translate(m.group(2), locale)}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Driver


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def generate(site, docs, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.join(site, "content"))
    with open(os.path.join(site, "ftlkit.toml"), "w", encoding="utf-8") as f:
        f.write(f'source-locale = "{SOURCE_LOCALE}"\n')
        f.write("locales = [" + ", ".join(f'"{l}"' for l in TARGETS) + "]\n\n")
        f.write("[build]\nthreshold = 0.5\n")
    words = 0
    for n in range(1, docs + 1):
        text = document(rng, n)
        words += len(text.split())
        with open(os.path.join(site, "content", f"doc-{n:03}.md"), "w", encoding="utf-8") as f:
            f.write(text)
    run([BINARY, "-C", site, "extract"], stdout=subprocess.DEVNULL)
    en_dir = os.path.join(site, "locales", SOURCE_LOCALE)
    shutil.copy(os.path.join(ROOT, "locales", SOURCE_LOCALE, "page.ftl"), en_dir)
    messages = present = 0
    for locale in TARGETS:
        loc_dir = os.path.join(site, "locales", locale)
        os.makedirs(loc_dir)
        page_src = locale if locale in REAL_PAGE_FTL else SOURCE_LOCALE
        shutil.copy(os.path.join(ROOT, "locales", page_src, "page.ftl"), loc_dir)
        for n in range(1, docs + 1):
            name = f"doc-{n:03}.ftl"
            with open(os.path.join(en_dir, name), encoding="utf-8") as f:
                en = f.read()
            tr = translations(en, locale, rng)
            messages += sum(1 for l in en.splitlines() if MESSAGE.match(l))
            present += sum(1 for l in tr.splitlines() if MESSAGE.match(l))
            with open(os.path.join(loc_dir, name), "w", encoding="utf-8") as f:
                f.write(tr)
    return words, messages, present


def parse_time_v(path):
    fields = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            if key:
                fields[key] = value
    return fields


def timed_build(site, log_dir, i, output=None):
    tv = os.path.join(log_dir, f"time-{i}.txt")
    out_path = os.path.join(log_dir, f"build-{i}.stdout")
    err_path = os.path.join(log_dir, f"build-{i}.stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        cmd = [TIME, "-v", "-o", tv, BINARY, "-C", site, "build", "--verbose"] + (["-o", output] if output else [])
        proc = subprocess.run(cmd, stdout=out, stderr=err)
        wall = time.perf_counter() - t0
    with open(out_path, encoding="utf-8") as f:
        stdout = f.read()
    with open(err_path, encoding="utf-8") as f:
        stderr = f.read()
    if proc.returncode != 0:
        sys.exit(f"ftlkit build failed (exit {proc.returncode}):\n{stderr}")
    m = re.search(r"^(\d+) pages, (\d+) files written to", stdout, re.M)
    if not m:
        sys.exit("no 'N pages, M files written to' line in ftlkit's output:\n" + stdout[-2000:])
    t = parse_time_v(tv)
    return {
        "wall": wall,
        "pages": int(m.group(1)),
        "files": int(m.group(2)),
        "rss_kb": int(t.get("Maximum resident set size (kbytes)", 0)),
        "cpu": t.get("Percent of CPU this job got", "?"),
        "user": float(t.get("User time (seconds)", 0)),
        "sys": float(t.get("System time (seconds)", 0)),
        "stdout": stdout,
        "stderr": stderr,
    }


def machine_load():
    """Load average and CPU/IO pressure (PSI), to tell a busy machine from a slow build."""
    parts = []
    try:
        with open("/proc/loadavg") as f:
            parts.append("loadavg " + " ".join(f.read().split()[:3]))
    except OSError:
        pass
    for kind in ("cpu", "io"):
        try:
            with open(f"/proc/pressure/{kind}") as f:
                some = f.readline().split()
            parts.append(f"{kind} pressure {some[1].replace('avg10=', 'avg10 ')}%")
        except (OSError, IndexError):
            pass
    return ", ".join(parts) or "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100, help="number of documents (default 100)")
    ap.add_argument("--runs", type=int, default=3, help="timed builds (default 3)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the generated site")
    ap.add_argument("--keep", action="store_true", help="keep the generated site and print its path")
    ap.add_argument("--site", help="generate the site here (must not exist) instead of a temp dir; implies --keep")
    ap.add_argument(
        "--fresh-output",
        action="store_true",
        help="build run N into a new folder dist-N (ftlkit build -o) instead of `rm -rf dist` before each run",
    )
    ap.add_argument("--no-cargo", action="store_true", help="skip `cargo build --release`")
    ap.add_argument("--binary", help="time this ftlkit binary (implies --no-cargo)")
    args = ap.parse_args()
    global BINARY
    if args.binary:
        args.no_cargo = True
        BINARY = os.path.abspath(args.binary)

    if not args.no_cargo:
        print("cargo build --release …", file=sys.stderr, flush=True)
        run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"no binary at {BINARY}")
    if not os.access(TIME, os.X_OK):
        sys.exit(f"{TIME} missing: apt-get install -y time")

    if args.site:
        site = os.path.abspath(args.site)
        os.makedirs(os.path.dirname(site), exist_ok=True)
        tmp = None
    else:
        tmp = tempfile.mkdtemp(prefix="ftlkit-bench-")
        site = os.path.join(tmp, "site")
    log_dir = site + "-logs"
    os.makedirs(log_dir)
    try:
        print(f"generating {args.docs} documents x {1 + len(TARGETS)} locales in {site} …", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        words, messages, present = generate(site, args.docs, args.seed)
        print(f"generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)

        load_before = machine_load()
        results = []
        for i in range(args.runs):
            if args.fresh_output:
                r = timed_build(site, log_dir, i, os.path.join(site, f"dist-{i + 1}"))
            else:
                shutil.rmtree(os.path.join(site, "dist"), ignore_errors=True)
                r = timed_build(site, log_dir, i)
            results.append(r)
            print(
                f"run {i + 1}{' (cold dist/)' if i == 0 and not args.fresh_output else ''}: {r['wall']:.3f} s wall, "
                f"user {r['user']:.2f} s, sys {r['sys']:.2f} s, CPU {r['cpu']}, "
                f"{r['rss_kb'] / 1024:.1f} MB peak RSS",
                file=sys.stderr,
                flush=True,
            )

        last = results[-1]
        skipped = [l for l in last["stdout"].splitlines() if " skipped: " in l]
        walls = [r["wall"] for r in results]
        best, median = min(walls), statistics.median(walls)
        pages = last["pages"]
        published = pages / args.docs if args.docs else 0
        rss = max(r["rss_kb"] for r in results) / 1024
        print()
        print(f"documents        {args.docs}")
        print(f"locales          {1 + len(TARGETS)} ({SOURCE_LOCALE} + {len(TARGETS)} targets)")
        print(f"pages            {pages} ({published:g} published locales per document on average, {len(skipped)} skipped)")
        print(f"files written    {last['files']}")
        print(f"source words     {words}")
        print(f"translated       {present}/{messages} target messages ({100 * present / max(messages, 1):.1f}%)")
        print(f"wall seconds     best {best:.3f}, median {median:.3f} ({args.runs} runs: {', '.join(f'{w:.3f}' for w in walls)})")
        print(f"pages per second best {pages / best:.0f}, median {pages / median:.0f}"
              f"  goal >= {GOAL_PAGES_PER_SECOND} (median): {'yes' if pages / median >= GOAL_PAGES_PER_SECOND else 'NO'}")
        print(f"peak RSS         {rss:.1f} MB")
        print(f"CPU cores        {os.cpu_count()} (nproc {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()}); "
              f"CPU use {', '.join(r['cpu'] for r in results)}")
        print(f"machine load     before: {load_before}; after: {machine_load()}")
        if last["stderr"].strip():
            lines = last["stderr"].strip().splitlines()
            print(f"ftlkit stderr    {len(lines)} lines, first: {lines[0]}")
        for l in skipped[:5]:
            print(f"skipped          {l.strip()}")
        if args.keep or args.site:
            print(f"site kept at     {site} (logs in {log_dir})")
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
