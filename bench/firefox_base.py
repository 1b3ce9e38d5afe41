#!/usr/bin/env python3
"""Makes an l10n base for Firefox's English (firefox-l10n-source): for each
locale asked for, a copy of the English files edited the way translations
drift, under BASE/LOCALE/ (Firefox's configs: `l = "{l10n_base}/{locale}/"`).

Per file, deterministically: every 7th entry left out (missing), one entry
added that the English does not have (obsolete), every 11th file not there
at all (a missing file). Fluent, .properties and .ini files; the others
copied. In .properties, every 5th entry with printf arguments drifts as
translations do: its last argument lost, a `%S` become `%d`, or a stray `%`.

    bench/firefox_base.py SOURCE BASE LOCALE...
"""
import os
import re
import shutil
import sys

FTL_ENTRY = re.compile(r"^-?[a-zA-Z][\w-]*\s*=")
PROP_ENTRY = re.compile(r"^\s*[^#!\s][^=:]*[=:]")
INI_ENTRY = re.compile(r"^[^;#\[\s][^=]*=")
PRINTF = re.compile(r"%(?:[1-9][0-9]*\$)?[0-9]*S")


def printf_drift(lines):
    """Every 5th single-line entry with printf arguments changed: the last
    argument dropped, the first `%…S` made `%…d`, or a lone `%` added."""
    out, n = [], 0
    for line in lines:
        args = list(PRINTF.finditer(line)) if PROP_ENTRY.match(line) else []
        if args and not line.endswith("\\"):
            n += 1
            if n % 5 == 0:
                kind = (n // 5) % 3
                if kind == 0:
                    last = args[-1]
                    line = line[: last.start()] + line[last.end() :]
                elif kind == 1:
                    first = args[0]
                    line = line[: first.end() - 1] + "d" + line[first.end() :]
                else:
                    line = line + " 100 %"
        out.append(line)
    return out


def drift(lines, entry, obsolete):
    out, n, skipping = [], 0, False
    for line in lines:
        if entry.match(line):
            n += 1
            skipping = n % 7 == 0
        elif line and not line[0].isspace() and not line.startswith("."):
            skipping = False
        if not skipping:
            out.append(line)
    out.append(obsolete)
    return out


def main():
    source, base, locales = sys.argv[1], sys.argv[2], sys.argv[3:]
    files = []
    for top in ("browser", "devtools", "dom", "mobile", "netwerk", "security", "toolkit"):
        for folder, _, names in os.walk(os.path.join(source, top)):
            files.extend(os.path.join(folder, n) for n in sorted(names))
    files.sort()
    for locale in locales:
        for i, path in enumerate(files):
            if i % 11 == 5:
                continue
            rel = os.path.relpath(path, source)
            target = os.path.join(base, locale, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if path.endswith(".ftl"):
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                text = "\n".join(drift(lines, FTL_ENTRY, f"obsolete-{i} = Old\n"))
            elif path.endswith(".properties"):
                with open(path, encoding="utf-8") as f:
                    lines = printf_drift(f.read().split("\n"))
                text = "\n".join(drift(lines, PROP_ENTRY, f"obsolete.{i}=Old\n"))
            elif path.endswith(".ini"):
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                text = "\n".join(drift(lines, INI_ENTRY, f"obsolete{i}=Old\n"))
            else:
                shutil.copyfile(path, target)
                continue
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
