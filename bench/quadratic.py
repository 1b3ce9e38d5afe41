#!/usr/bin/env python3
"""Benchmarks of the two quadratic traps of issue 17 (item 7): both must stay
near-linear (goal: <= 2 s each on a 2-core machine).

1. `sync --prune --dry-run` on a locale file with N obsolete ids while the
   reference has N other ids untranslated (the misspelt-id check compares them).
2. `extract` on a document of M paragraphs without headings after the first
   word of every paragraph was edited (each edited paragraph is paired with
   its old message by similarity).

Usage: bench/quadratic.py [--obsolete N] [--paragraphs M] [--no-cargo]
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--obsolete", type=int, default=10_000)
    ap.add_argument("--paragraphs", type=int, default=8_000)
    ap.add_argument("--no-cargo", action="store_true")
    a = ap.parse_args()
    if not a.no_cargo:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    rng = random.Random(1)
    t = sync_case(a.obsolete, rng)
    print(f"sync --prune --dry-run, {a.obsolete} obsolete x {a.obsolete} missing ids: {t:.2f} s")
    t, line = extract_case(a.paragraphs, rng)
    print(f"extract, {a.paragraphs} paragraphs without headings, every first word edited: {t:.2f} s ({line})")


if __name__ == "__main__":
    main()
