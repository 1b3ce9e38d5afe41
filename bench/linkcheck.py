#!/usr/bin/env python3
"""Checks every relative link, image and #anchor of the HTML pages under a
site folder (ftlkit's `dist/`): each must name a file that exists, and an
anchor an id (or name) in that file. Prints the broken ones per locale and a
summary; with --baseline LOCALE, a target broken in the baseline locale's page
too (the English source itself breaks it) is counted apart, not as a failure.

    python3 bench/linkcheck.py dist --baseline en-US
Exit 1 when a locale has a broken link the baseline does not have.
"""
import html.parser
import os
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) and tag != "link":
                self.links.append(a[key])


_pages = {}


def page(path):
    if path not in _pages:
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        _pages[path] = p
    return _pages[path]


def broken(root, path):
    """The broken relative targets of one page, as written."""
    out = []
    for url in page(path).links:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme or url.startswith("//") or url.startswith("/"):
            continue
        target = path
        if parts.path:
            target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(parts.path)))
            if not target.startswith(root) or not os.path.isfile(target):
                out.append(url)
                continue
        if parts.fragment and target.endswith(".html"):
            if urllib.parse.unquote(parts.fragment) not in page(target).ids:
                out.append(url)
    return out


def main():
    args = sys.argv[1:]
    baseline = None
    if "--baseline" in args:
        i = args.index("--baseline")
        baseline = args[i + 1]
        del args[i : i + 2]
    root = os.path.abspath(args[0])
    locales = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    base = {}
    if baseline:
        for dirpath, _, files in os.walk(os.path.join(root, baseline)):
            for name in files:
                if name.endswith(".html"):
                    path = os.path.join(dirpath, name)
                    rel = os.path.relpath(path, os.path.join(root, baseline))
                    base[rel] = set(broken(root, path))
    failed = 0
    for locale in locales:
        checked = bad = inherited = 0
        for dirpath, _, files in os.walk(os.path.join(root, locale)):
            for name in sorted(files):
                if not name.endswith(".html"):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, os.path.join(root, locale))
                checked += len(page(path).links)
                for url in broken(root, path):
                    if url in base.get(rel, set()):
                        inherited += 1
                        continue
                    bad += 1
                    print(f"broken: {locale}/{rel}: {url}")
        if locale != baseline:
            failed += bad
        print(f"{locale}: {checked} links checked, {bad} broken, {inherited} broken in the {baseline or 'source'} too")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
