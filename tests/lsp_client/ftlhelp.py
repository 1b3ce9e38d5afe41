"""Helpers for the `ftlkit lsp` end-to-end tests (tests/lsp_client/test_lsp.py).

Everything the tests expect is worked out here from the real files of the
shipped project: message ids and their lines, placeables, UTF-16 columns.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types

REPO = Path(__file__).resolve().parents[2]
# What a project is: the shipped project's parts, copied into a temp folder.
PROJECT_PARTS = ("ftlkit.toml", "content", "locales", "l10n-state")
# How long to wait for the server to publish diagnostics after a change.
TIMEOUT = 10.0

ID_LINE = re.compile(r"^(-?[A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*)$")


def u16(s: str) -> int:
    """The length of `s` in UTF-16 code units (LSP's default position encoding)."""
    return len(s.encode("utf-16-le")) // 2


def u16_to_index(line: str, character: int) -> int:
    """The Python string index of UTF-16 column `character` in `line`."""
    units = 0
    for i, ch in enumerate(line):
        if units >= character:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def uri_path(uri: str) -> Path:
    """The file a `file:` URI names (percent-decoded)."""
    u = urlparse(uri)
    assert u.scheme == "file", uri
    return Path(unquote(u.path)).resolve()


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


@dataclass
class Message:
    id: str
    line: int  # 0-based line of `id = …`
    end_line: int  # 0-based, exclusive: the entry's last line + 1
    value: str  # the text after `=` on the id line, with indented lines joined


def messages(text: str) -> dict[str, Message]:
    """Messages and terms of an FTL text: enough of Fluent for these tests
    (id lines at column 0, values continued on indented lines)."""
    lines = text.split("\n")
    out: dict[str, Message] = {}
    i = 0
    while i < len(lines):
        m = ID_LINE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        parts = [m.group(2)]
        while j < len(lines) and lines[j].startswith((" ", "\t")) and lines[j].strip():
            parts.append(lines[j].strip())
            j += 1
        out[m.group(1)] = Message(m.group(1), i, j, " ".join(p for p in parts if p))
        i = j
    return out


def line_of(text: str, prefix: str) -> int:
    """The 0-based index of the one line of `text` that starts with `prefix`."""
    found = [i for i, l in enumerate(text.split("\n")) if l.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} lines start with {prefix!r}"
    return found[0]


def replace_line(text: str, line: int, new: str | None) -> str:
    """`text` with line `line` replaced by `new` (removed when None)."""
    lines = text.split("\n")
    if new is None:
        del lines[line]
    else:
        lines[line] = new
    return "\n".join(lines)


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to `text`, as an editor does."""
    lines = text.split("\n")
    starts = [0]
    for l in lines:
        starts.append(starts[-1] + len(l) + 1)

    def offset(p: types.Position) -> int:
        if p.line >= len(lines):
            return len(text)
        return starts[p.line] + u16_to_index(lines[p.line], p.character)

    spans = sorted(
        ((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits),
        key=lambda s: s[0],
        reverse=True,
    )
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    """The text edits a workspace edit makes to `uri` (`changes` or `documentChanges`)."""
    out: list[types.TextEdit] = []
    if edit.changes:
        out.extend(edit.changes.get(uri, []))
    for dc in edit.document_changes or []:
        if isinstance(dc, types.TextDocumentEdit) and dc.text_document.uri == uri:
            out.extend(e for e in dc.edits if isinstance(e, types.TextEdit))
    return out


def hover_text(hover: types.Hover | None) -> str:
    assert hover is not None, "hover answered null"
    c = hover.contents
    if isinstance(c, types.MarkupContent):
        return c.value
    if isinstance(c, str):
        return c
    if isinstance(c, types.MarkedStringWithLanguage):
        return c.value
    return "\n".join(x if isinstance(x, str) else x.value for x in c)


def locations(result: Any) -> list[tuple[str, types.Range]]:
    """(uri, range) of each target a definition answer names."""
    if result is None:
        return []
    if not isinstance(result, list):
        result = [result]
    out = []
    for r in result:
        if isinstance(r, types.LocationLink):
            out.append((r.target_uri, r.target_selection_range))
        else:
            out.append((r.uri, r.range))
    return out


def completion_labels(result: Any) -> list[str]:
    if result is None:
        return []
    items = result.items if isinstance(result, types.CompletionList) else result
    return [i.label for i in items]


def squash(s: str) -> str:
    """Whitespace runs as one space, and Markdown's backslash escapes undone."""
    return re.sub(r"\s+", " ", re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~])", r"\1", s)).strip()


def check_json(root: Path, rel: str, text: str, tmp: Path) -> list[dict]:
    """What `ftlkit check --format json -v` says about `text` as the file `rel`
    (in a separate copy of `root`, so the server's project stays as it was)."""
    from conftest import BIN  # noqa: PLC0415

    copy = tmp / f"oracle-{uuid.uuid4().hex[:8]}"
    shutil.copytree(root, copy)
    (copy / rel).write_text(text, encoding="utf-8")
    out = subprocess.run(
        [str(BIN), "-C", str(copy), "check", "--format", "json", "-v"],
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(copy)
    return [f for f in json.loads(out.stdout)["findings"] if f["path"] == rel]


class Published(dict):
    """`LanguageClient.diagnostics`, counting each publish per URI, so a test
    can wait for the publish that follows its own change."""

    def __init__(self):
        super().__init__()
        self.count: dict[str, int] = {}

    def __setitem__(self, uri, diagnostics):
        super().__setitem__(uri, diagnostics)
        self.count[uri] = self.count.get(uri, 0) + 1


class Doc:
    """One text document open in the server, edited as an editor would."""

    def __init__(self, client, root: Path, rel: str):
        self.client = client
        self.path = root / rel
        self.uri = self.path.as_uri()
        self.text = self.path.read_text(encoding="utf-8")
        self.version = 0

    def _seen(self) -> int:
        return self.client.diagnostics.count.get(self.uri, 0)

    async def _wait(self, seen: int) -> list[types.Diagnostic]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT
        while self._seen() <= seen:
            if loop.time() > deadline:
                raise AssertionError(
                    f"no textDocument/publishDiagnostics for {self.uri} "
                    f"within {TIMEOUT} s of version {self.version}"
                )
            await asyncio.sleep(0.02)
        return list(self.client.diagnostics[self.uri])

    async def open(self, text: str | None = None) -> list[types.Diagnostic]:
        """didOpen with the file's text (or `text`, which need not be on disk)."""
        seen = self._seen()
        self.version = 1
        if text is not None:
            self.text = text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri, language_id="fluent", version=self.version, text=self.text
                )
            )
        )
        return await self._wait(seen)

    async def change(self, text: str) -> list[types.Diagnostic]:
        """Replace the whole buffer (full sync), never touching the disk, and
        return the diagnostics published next for it."""
        seen = self._seen()
        self.send(text)
        return await self._wait(seen)

    def send(self, text: str) -> int:
        """didChange to `text` without waiting; returns the new version."""
        self.version += 1
        self.text = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.version

    def pos(self, line: int, index: int) -> types.Position:
        """The LSP position of string index `index` on line `line`."""
        return types.Position(line=line, character=u16(self.text.split("\n")[line][:index]))

    def ident(self):
        return types.TextDocumentIdentifier(uri=self.uri)


async def raw_request(client, method: str, params: Any) -> Any:
    """Send a request exactly as given (no lsprotocol typing of the params) and
    return its result; a JSON-RPC error is raised as pygls' JsonRpcException."""
    proto = client.protocol
    msg_id = f"raw-{uuid.uuid4()}"
    fut: concurrent.futures.Future = concurrent.futures.Future()
    proto._request_futures[msg_id] = fut
    proto._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wait_for(asyncio.wrap_future(fut), TIMEOUT)


def describe(diags: list[types.Diagnostic]) -> str:
    return "\n".join(
        f"  {d.range.start.line}:{d.range.start.character}-{d.range.end.line}:"
        f"{d.range.end.character} sev={d.severity and d.severity.value} "
        f"code={d.code} source={d.source}: {d.message}"
        for d in diags
    ) or "  (none)"
