#!/usr/bin/env python3
"""Benchmarks of the quadratic traps of issues 17 (item 7) and 28 (items
3-6): each must stay near-linear (goal: <= 2 s each on a 2-core machine).
Each of issue 28's is run at half its size and at its size, so that the
growth shows (linear: about twice the time).

1. `sync --prune --dry-run` on a locale file with N obsolete ids while the
   reference has N other ids untranslated (the misspelt-id check compares them).
2. `extract` on a document of M paragraphs without headings after the first
   word of every paragraph was edited (each edited paragraph is paired with
   its old message by similarity).
3. The TMX reader on a minified TMX (one line of 4.7 MB), and on one line
   of 200,000 nested `<hi>` (`memory search`, which reads the memory).
4. `sync --fill-exact` filling 3,000 messages.
5. `import` of 6,000 units (an XLIFF as export writes it, and on one line).
6. Memory lookups (`status --untranslated --suggest`): one English with
   400,000 TMX units of different translations; a 2,000-word paragraph with
   1,000 near copies in the TMX.

Usage: bench/quadratic.py [--obsolete N] [--paragraphs M] [--only NAMES] [--no-cargo]
Needs the release binary (built unless --no-cargo) and Python 3.
"""
import argparse, os, random, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "ftlkit")
# A vocabulary of made-up words about as large as a real article's.
_rng = __import__("random").Random(7)
WORDS = ["".join(_rng.choice("bcdfghklmnprstvz") + _rng.choice("aeiou") for _ in range(_rng.randint(1, 4)))
         for _ in range(3000)]


def run(args, cwd):
    t = time.perf_counter()
    p = subprocess.run([BIN, "-C", cwd] + args, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"ftlkit {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return dt, p


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def sync_case(n, rng):
    d = tempfile.mkdtemp(prefix="ftlkit-quad-sync-")
    os.makedirs(f"{d}/content"); os.makedirs(f"{d}/locales/en-US"); os.makedirs(f"{d}/locales/fr")
    open(f"{d}/ftlkit.toml", "w").write('locales = ["fr"]\n')
    with open(f"{d}/locales/en-US/big.ftl", "w") as f:
        for i in range(n):
            f.write(f"reference-message-{i:05d}-alpha = {sentence(rng, 6)}\n")
    with open(f"{d}/locales/fr/big.ftl", "w") as f:
        for i in range(n):
            f.write(f"obsolete-message-{i:05d}-betas = {sentence(rng, 6)}\n")
    dt, p = run(["sync", "fr", "--prune", "--dry-run"], d)
    return dt


def extract_case(m, rng):
    d = tempfile.mkdtemp(prefix="ftlkit-quad-extract-")
    os.makedirs(f"{d}/content"); os.makedirs(f"{d}/locales/en-US")
    paras = [sentence(rng, rng.randint(12, 30)) for _ in range(m)]
    open(f"{d}/content/long.md", "w").write("\n\n".join(paras) + "\n")
    run(["extract"], d)
    edited = ["Edited " + p[0].lower() + p[1:] for p in paras]
    open(f"{d}/content/long.md", "w").write("\n\n".join(edited) + "\n")
    dt, p = run(["extract"], d)
    line = p.stdout.strip().splitlines()[0] if p.stdout.strip() else ""
    return dt, line


def project(prefix, paragraphs, tmx_units=None):
    """A project with one document of `paragraphs` and a TMX of (English, French) pairs."""
    d = tempfile.mkdtemp(prefix=f"ftlkit-quad-{prefix}-")
    os.makedirs(f"{d}/content"); os.makedirs(f"{d}/locales/en-US"); os.makedirs(f"{d}/locales/fr")
    open(f"{d}/ftlkit.toml", "w").write('locales = ["fr"]\n[memory]\nfiles = ["tm.tmx"]\n')
    open(f"{d}/content/doc.md", "w").write("\n\n".join(paragraphs) + "\n")
    run(["extract"], d)
    run(["sync", "fr"], d)
    if tmx_units is not None:
        write_tmx(f"{d}/tm.tmx", tmx_units)
    return d


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_tmx(path, units, one_line=False, seg=None):
    nl = "" if one_line else "\n"
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>' + nl + '<tmx version="1.4"><header srclang="en"/><body>' + nl)
        for en, fr in units:
            f.write(f'<tu><tuv xml:lang="en"><seg>{esc(en)}</seg></tuv><tuv xml:lang="fr"><seg>{seg or esc(fr)}</seg></tuv></tu>' + nl)
        f.write("</body></tmx>" + nl)


def distinct_sentences(rng, n, words=8):
    seen, out = set(), []
    while len(out) < n:
        t = sentence(rng, words)
        if t not in seen:
            seen.add(t); out.append(t)
    return out


def tmx_line_case(megabytes, rng):
    units, size = [], 0
    while size < megabytes * 1_000_000:
        en, fr = sentence(rng, 8), sentence(rng, 8)
        units.append((en, fr)); size += len(en) + len(fr) + 90
    d = project("tmx", ["Some paragraph."])
    write_tmx(f"{d}/tm.tmx", units, one_line=True)
    size = os.path.getsize(f"{d}/tm.tmx")
    dt, p = run(["memory", "search", "fr", "zzzz"], d)
    return dt, size


def nested_hi_case(n):
    d = project("hi", ["Some paragraph."])
    seg = "<hi>" * n + "x" + "</hi>" * n
    write_tmx(f"{d}/tm.tmx", [("Some paragraph.", "")], one_line=True, seg=seg)
    dt, p = run(["memory", "search", "fr", "zzzz"], d)
    return dt


def fill_case(n, rng):
    paras = distinct_sentences(rng, n)
    d = project("fill", paras, [(p, "FR " + p) for p in paras])
    dt, p = run(["sync", "fr", "--fill-exact"], d)
    filled = p.stdout.count("(from ")
    return dt, filled


def import_case(n, rng, one_line=False):
    paras = distinct_sentences(rng, n)
    d = project("import", paras)
    run(["export", "fr", "-o", f"{d}/fr.xlf"], d)
    text = open(f"{d}/fr.xlf").read()
    k = iter(range(10**9))
    import re
    text = re.sub(r'<target state="new"></target>', lambda m: f'<target state="translated">Traduction {next(k)}</target>', text)
    if one_line:
        text = "".join(line.strip() for line in text.splitlines())
    open(f"{d}/fr.xlf", "w").write(text)
    dt, p = run(["import", f"{d}/fr.xlf"], d)
    return dt, p.stdout.splitlines()[0] if p.stdout else p.stderr[:200]


def same_english_case(n, rng):
    d = project("same", ["The one sentence everybody translates."])
    write_tmx(f"{d}/tm.tmx", [("The one sentence everybody translates.", f"Traduction {i}") for i in range(n)])
    dt, p = run(["status", "fr", "--untranslated", "--suggest"], d)
    return dt


def near_copies_case(words, copies, rng):
    para = sentence(rng, words)
    ws = para.split(" ")
    units = []
    for c in range(copies):
        w = list(ws)
        for j in range(3):
            w[(c * 31 + j * 577) % len(w)] = f"edit{c}x{j}"
        units.append((" ".join(w), f"Copie {c}"))
    d = project("near", [para], units)
    dt, p = run(["status", "fr", "--untranslated", "--suggest"], d)
    return dt


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--obsolete", type=int, default=10_000)
    ap.add_argument("--paragraphs", type=int, default=8_000)
    ap.add_argument("--only", default="sync,extract,tmx,fill,import,memory",
                    help="comma-separated cases to run")
    ap.add_argument("--no-cargo", action="store_true")
    a = ap.parse_args()
    only = set(a.only.split(","))
    if not a.no_cargo:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    rng = random.Random(1)
    if "sync" in only:
        t = sync_case(a.obsolete, rng)
        print(f"sync --prune --dry-run, {a.obsolete} obsolete x {a.obsolete} missing ids: {t:.2f} s")
    if "extract" in only:
        t, line = extract_case(a.paragraphs, rng)
        print(f"extract, {a.paragraphs} paragraphs without headings, every first word edited: {t:.2f} s ({line})")
    if "tmx" in only:
        for mb in (1.2, 2.4, 4.7):
            t, size = tmx_line_case(mb, rng)
            print(f"memory search, a TMX of {size / 1e6:.1f} MB on one line: {t:.2f} s")
        for n in (100_000, 200_000):
            print(f"memory search, one line of {n} nested <hi>: {nested_hi_case(n):.2f} s")
    if "fill" in only:
        for n in (1_500, 3_000):
            t, filled = fill_case(n, rng)
            print(f"sync --fill-exact, {n} messages ({filled} filled): {t:.2f} s")
    if "import" in only:
        for n in (3_000, 6_000):
            t, line = import_case(n, rng)
            print(f"import, {n} units: {t:.2f} s ({line})")
        t, line = import_case(6_000, rng, one_line=True)
        print(f"import, 6000 units on one line: {t:.2f} s ({line})")
    if "memory" in only:
        for n in (200_000, 400_000):
            print(f"status --suggest, one English with {n} TMX translations: {same_english_case(n, rng):.2f} s")
        for c in (500, 1_000):
            print(f"status --suggest, a 2000-word paragraph with {c} near copies: {near_copies_case(2000, c, rng):.2f} s")


if __name__ == "__main__":
    main()
