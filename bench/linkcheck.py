#!/usr/bin/env python3
"""Checks every relative link, image and #anchor of the HTML pages under a
site folder (ftlkit's `dist/`): each must name a file that exists, and an
anchor an id (or name) in that file. Prints the broken ones per locale and a
summary; with --baseline LOCALE, a target broken in the baseline locale's page
too (the English source itself breaks it) is counted apart, not as a failure.

    python3 bench/linkcheck.py dist --baseline en-US
    python3 bench/linkcheck.py site --baseline en_US --root-locale en_US --locales ar,fr
      (MkDocs with mkdocs-static-i18n: the default language's pages at the
      root, each other language's in its folder)
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


def option(args, name):
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1]
    del args[i : i + 2]
    return value


def pages(root, locale, root_locale, locales):
    """(page, path relative to its locale's folder) of a locale's HTML pages."""
    top = root if locale == root_locale else os.path.join(root, locale)
    for dirpath, dirnames, files in os.walk(top):
        if locale == root_locale and dirpath == root:
            dirnames[:] = [d for d in dirnames if d not in locales]
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(dirpath, name)
                yield path, os.path.relpath(path, top)


def main():
    args = sys.argv[1:]
    baseline = option(args, "--baseline")
    root_locale = option(args, "--root-locale")
    only = option(args, "--locales")
    root = os.path.abspath(args[0])
    locales = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if only:
        locales = only.split(",")
    listed = set(locales)
    if root_locale:
        locales = [root_locale] + locales
    base = {}
    if baseline:
        for path, rel in pages(root, baseline, root_locale, listed):
            base[rel] = set(broken(root, path))
    failed = 0
    for locale in locales:
        checked = bad = inherited = 0
        for path, rel in pages(root, locale, root_locale, listed):
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
