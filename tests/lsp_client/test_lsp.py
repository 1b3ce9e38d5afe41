"""End-to-end tests of `ftlkit lsp` with a real LSP client (issue 24).

pytest-lsp (PyPI, pinned in .ci/python-requirements.txt) starts the server
binary over stdio, on a copy of the shipped project in a temp folder, with VS
Code's client capabilities, and drives it as an editor does: open, full-text
didChange (never saving: diagnostics come from the buffer), hover, completion,
definition, code actions, bad requests. What each test expects is worked out
from the real files (ids, lines, placeables, English text) and, for
diagnostics, cross-checked with `ftlkit check --format json` on the same text.

Run from the repository root, after `cargo build`:

    FTLKIT_BIN=target/debug/ftlkit "${TMPDIR:-/tmp}/ftlkit-ci-venv/bin/python3" -m pytest -q tests/lsp_client

(.ci/run does this.) FTLKIT_BIN defaults to target/debug/ftlkit; relative
paths are taken from the repository root. Beside this file: test_roots.py
(which project the server reads: rootUri, -C, cwd, l10n.toml), test_wire.py
(framing and JSON-RPC on the wire, no client library), conftest.py (the
fixtures), ftlhelp.py (helpers). tests/nvim/run.sh does a diagnostics check
with Neovim 0.7 as the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from ftlhelp import (
    Doc,
    apply_text_edits,
    check_json,
    completion_labels,
    describe,
    edits_for,
    hover_text,
    line_of,
    locations,
    messages,
    raw_request,
    replace_line,
    squash,
    u16,
    uri_path,
)

pytestmark = pytest.mark.asyncio(loop_scope="function")

AR_ARTICLE = "locales/ar/article.ftl"
AR_PAGE = "locales/ar/page.ftl"
EN_ARTICLE = "locales/en-US/article.ftl"
# A plain paragraph: its English is one line of content/article.md as is.
PARAGRAPH = "article-ministers-after-fall-iyad-allawi-took"
ERROR, WARNING, INFO = (
    types.DiagnosticSeverity.Error,
    types.DiagnosticSeverity.Warning,
    types.DiagnosticSeverity.Information,
)
EDITORS = pytest.mark.parametrize("editor", ["visual-studio-code", "neovim@v0.7.0"])
PLACEABLE = re.compile(r"\{ *[$-][A-Za-z][A-Za-z0-9_-]* *\}")


def completion_items(result) -> list[types.CompletionItem]:
    if result is None:
        return []
    return list(result.items if isinstance(result, types.CompletionList) else result)


def accept(text: str, line: int, character: int, item: types.CompletionItem) -> str:
    """`text` after an editor accepts `item` with the cursor at (line, character)."""
    edit = item.text_edit
    if isinstance(edit, types.InsertReplaceEdit):
        edit = types.TextEdit(range=edit.replace, new_text=edit.new_text)
    if edit is None:
        where = types.Position(line, character)
        edit = types.TextEdit(range=types.Range(where, where),
                              new_text=item.insert_text or item.label)
    return apply_text_edits(text, [edit, *(item.additional_text_edits or [])])


def english(client: LanguageClient, rel: str = EN_ARTICLE) -> dict:
    return messages((client.project / rel).read_text(encoding="utf-8"))


def rng(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def with_code(diags, code: str, line: int | None = None):
    return [
        d for d in diags if d.code == code and (line is None or d.range.start.line == line)
    ]


async def test_initialize_announces_the_features(client: LanguageClient):
    caps = client.initialize_result.capabilities
    sync = caps.text_document_sync
    kind = sync if isinstance(sync, types.TextDocumentSyncKind) else sync.change
    assert kind == types.TextDocumentSyncKind.Full, sync
    if isinstance(sync, types.TextDocumentSyncOptions):
        assert sync.open_close, sync
    assert caps.hover_provider, caps
    assert caps.completion_provider is not None, caps
    assert caps.definition_provider, caps
    assert caps.code_action_provider, caps


@pytest.mark.parametrize(
    "rel", [AR_ARTICLE, AR_PAGE, "locales/fr/article.ftl", "locales/fr/page.ftl"]
)
async def test_complete_translation_opens_without_errors(client: LanguageClient, rel):
    """(a) The shipped Arabic and French are complete and clean. The server
    publishes what `ftlkit check -v` finds in the file, on the same lines:
    nothing for Arabic; for French, only `identical` Information (names
    spelled as in English)."""
    text = (client.project / rel).read_text("utf-8")
    want = sorted((f["code"], f["line"] - 1)
                  for f in check_json(client.project, rel, text, client.project.parent))
    assert all(code == "identical" for code, _ in want), want
    if rel.startswith("locales/ar/"):
        assert want == []
    diags = await Doc(client, client.project, rel).open()
    assert not [d for d in diags if d.severity in (ERROR, WARNING)], describe(diags)
    assert sorted((d.code, d.range.start.line) for d in diags) == want, describe(diags)
    assert all(d.source == "ftlkit" and d.severity == INFO for d in diags), describe(diags)


async def test_missing_messages_are_information_at_the_top(client: LanguageClient):
    """The Kurdish translation is in progress: one `missing-message`
    Information diagnostic at the top of the file for all the English ids it
    lacks (their count in the message, every id in `data.ids`), not one each."""
    rel = "locales/ckb/article.ftl"
    doc = Doc(client, client.project, rel)
    lacking = set(english(client)) - set(messages(doc.text))
    assert len(lacking) > 1, "ckb/article.ftl is no longer in progress: pick another file"
    diags = await doc.open()
    missing = with_code(diags, "missing-message")
    assert len(missing) == 1, describe(diags)
    d = missing[0]
    assert d.source == "ftlkit" and d.severity == INFO, describe([d])
    assert d.range.start.line == 0, describe([d])
    assert d.message.startswith(f"{len(lacking)} messages of the English are not translated"), describe([d])
    assert set(d.data["ids"]) == lacking, describe(missing)
    assert not [d for d in diags if d.severity in (ERROR, WARNING)], describe(diags)


# ---- (b) breaking a placeable in the buffer, (c) and fixing it back ----------


def delete_placeable(text):
    """Delete `{ $author }` from the Arabic `page-written-by`: missing-variable,
    a warning as `ftlkit check` rates it, on the message's id."""
    line = line_of(text, "page-written-by =")
    old = text.split("\n")[line]
    m = PLACEABLE.search(old)
    new = (old[: m.start()] + old[m.end():]).rstrip()
    return line, new, "missing-variable", WARNING, (0, len("page-written-by"))


def delete_opening_brace(text):
    """`{ $author }` without its `{`: an unbalanced `}`, which the range covers."""
    line = line_of(text, "page-written-by =")
    old = text.split("\n")[line]
    m = PLACEABLE.search(old)
    new = old[: m.start()] + old[m.start() + 1:].lstrip()
    at = new.rindex("}")
    return line, new, "syntax-error", ERROR, (at, at + 1)


def delete_closing_brace_in_variant(text):
    """`[few] مدة القراءة: { $minutes } دقائق` without its `}`: the error is at
    the first Arabic letter after `$minutes`, deep in right-to-left text, where
    UTF-16 columns differ from byte and from display columns."""
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines)
                if l.strip().startswith("[few]") and PLACEABLE.search(l)
                and re.search(r"\}\s*[\u0600-\u06ff]", l))
    old = lines[line]
    m = PLACEABLE.search(old)
    head = old[: m.end() - 1].rstrip() + " "
    new = head + old[m.end():].lstrip()
    at = len(head)
    assert "\u0600" <= new[at] <= "\u06ff", (new, at)
    return line, new, "syntax-error", ERROR, (at, at + 1)


def add_unknown_variable(text):
    """`{ $bogus }` in the Arabic title: unknown-variable, an error, on the
    placeable itself (after Arabic letters: UTF-16 columns)."""
    line = line_of(text, "article-title =")
    old = text.split("\n")[line]
    cut = old.index(" ", len("article-title = "))
    new = old[:cut] + " { $bogus }" + old[cut:]
    start = cut + 1
    return line, new, "unknown-variable", ERROR, (start, start + len("{ $bogus }"))


def add_misspelled_reference(text):
    """`{ article-autor }` (a typo of `article-author`) after the Arabic
    title's first word: unresolved-reference, an error, on the placeable
    itself, its message naming the id meant."""
    line = line_of(text, "article-title =")
    old = text.split("\n")[line]
    cut = old.index(" ", len("article-title = "))
    new = old[:cut] + " { article-autor }" + old[cut:]
    start = cut + 1
    return line, new, "unresolved-reference", ERROR, (start, start + len("{ article-autor }"))


def add_unknown_term(text):
    """`{ -bogus-brand }` at the end of an Arabic paragraph: unresolved-reference
    on the placeable, far into right-to-left text."""
    line = line_of(text, PARAGRAPH + " =")
    old = text.split("\n")[line]
    new = old + " { -bogus-brand }"
    start = len(old) + 1
    return line, new, "unresolved-reference", ERROR, (start, len(new))


def unclosed_term_reference(text):
    """`{ -brand ` left open after three Arabic words of a paragraph: the error
    is at the next Arabic letter."""
    line = line_of(text, PARAGRAPH + " =")
    old = text.split("\n")[line]
    start = len(PARAGRAPH + " = ")
    words = old[start:].split(" ")
    head = old[:start] + " ".join(words[:3]) + " { -brand "
    new = head + " ".join(words[3:])
    return line, new, "syntax-error", ERROR, (len(head), len(head) + 1)


def emoji_before_unclosed_placeable(text):
    """🙂 (U+1F642, outside the BMP: two UTF-16 code units, one character) in
    the Arabic title, then `{ $bogus ` left open: the error's UTF-16 column is
    one more than its character column."""
    line = line_of(text, "article-title =")
    old = text.split("\n")[line]
    cut = old.index(" ", len("article-title = ")) + 1
    head = old[:cut] + "\U0001F642 { $bogus "
    new = head + old[cut:]
    return line, new, "syntax-error", ERROR, (len(head), len(head) + 1)


BREAKS = {
    "delete-placeable": (AR_PAGE, delete_placeable),
    "delete-opening-brace": (AR_PAGE, delete_opening_brace),
    "delete-closing-brace-in-plural-variant": (AR_PAGE, delete_closing_brace_in_variant),
    "add-unknown-variable": (AR_ARTICLE, add_unknown_variable),
    "add-misspelled-reference": (AR_ARTICLE, add_misspelled_reference),
    "add-unknown-term": (AR_ARTICLE, add_unknown_term),
    "unclosed-term-reference": (AR_ARTICLE, unclosed_term_reference),
    "emoji-before-unclosed-placeable": (AR_ARTICLE, emoji_before_unclosed_placeable),
}


@pytest.mark.parametrize("case", list(BREAKS))
async def test_broken_buffer_gets_the_finding_on_its_utf16_range(client: LanguageClient, case):
    rel, make = BREAKS[case]
    doc = Doc(client, client.project, rel)
    original = doc.text
    assert await doc.open() == []

    line, new_line, code, severity, (a, b) = make(original)
    broken = replace_line(original, line, new_line)
    want = (line, u16(new_line[:a]), line, u16(new_line[:b]))

    # The expectation agrees with `ftlkit check` on the same text.
    oracle = [f for f in check_json(client.project, rel, broken, client.project.parent)
              if f["code"] == code]
    assert [(f["line"], f["column"]) for f in oracle] == [(line + 1, a + 1)], oracle

    diags = await doc.change(broken)
    found = with_code(diags, code)
    assert len(found) == 1, f"want one {code} on line {line}; got:\n{describe(diags)}"
    d = found[0]
    assert d.source == "ftlkit", describe([d])
    assert d.severity == severity, describe([d])
    assert rng(d) == want, (
        f"{code} range {rng(d)}, want {want} (UTF-16) for {new_line[a:b]!r} in {new_line!r}"
    )
    assert d.message == oracle[0]["message"], (d.message, oracle[0])
    if case == "add-misspelled-reference":
        assert d.message.endswith("did you mean `article-author`?"), d.message
    assert (client.project / rel).read_text("utf-8") == original, "the disk was changed"

    # (c) Fixed back: nothing left.
    diags = await doc.change(original)
    assert diags == [], f"after the fix:\n{describe(diags)}"


@pytest.mark.parametrize("case", ["delete-opening-brace", "emoji-before-unclosed-placeable"])
async def test_crlf_buffer_has_the_same_positions(client: LanguageClient, case):
    """A buffer with CRLF line ends (a Windows checkout): the same lines and
    UTF-16 columns; the `\r` is no part of a line."""
    rel, make = BREAKS[case]
    doc = Doc(client, client.project, rel)
    original = doc.text
    assert "\r" not in original
    assert await doc.open(original.replace("\n", "\r\n")) == []
    line, new_line, code, severity, (a, b) = make(original)
    broken = replace_line(original, line, new_line).replace("\n", "\r\n")
    diags = await doc.change(broken)
    found = with_code(diags, code)
    want = (line, u16(new_line[:a]), line, u16(new_line[:b]))
    assert [rng(d) for d in found] == [want], describe(diags)
    assert await doc.change(original.replace("\n", "\r\n")) == []


async def test_rapid_changes_end_with_the_last_buffer(client: LanguageClient):
    """Typing fast: five didChange in a row, no waiting. The last diagnostics
    published are those of the last text, and versions never go back."""
    doc = Doc(client, client.project, AR_ARTICLE)
    original = doc.text
    await doc.open()
    msgs = messages(original)
    lines = [msgs[i].line for i in ("article-title", "article-author", "article-editor")]

    def unknown_on(line: int, text: str) -> str:
        return replace_line(text, line, text.split("\n")[line] + " { $bogus }")

    texts = [unknown_on(lines[0], original), original, unknown_on(lines[1], original),
             unknown_on(lines[2], unknown_on(lines[1], original)), unknown_on(lines[2], original)]
    for text in texts:
        last = doc.send(text)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    mine = lambda: [p for p in client.publishes if p.uri == doc.uri]  # noqa: E731
    while not any(p.version == last for p in mine()) and loop.time() < deadline:
        if mine() and mine()[-1].version is None and loop.time() > deadline - 7:
            break  # a server that sends no versions: wait 3 s and take the last
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # anything still on its way
    published = mine()
    versions = [p.version for p in published if p.version is not None]
    assert versions == sorted(versions), f"versions went back: {versions}"
    if versions:
        assert versions[-1] == last, f"last published version {versions[-1]}, sent {last}"
    final = published[-1].diagnostics
    assert [d.range.start.line for d in with_code(final, "unknown-variable")] == [lines[2]], (
        describe(final)
    )


async def test_buffer_wins_over_the_disk(client: LanguageClient):
    """The file changes on disk under an open, edited buffer (another program,
    a `git checkout`): the server follows the files it watches, but the open
    buffer's diagnostics stay those of the buffer."""
    doc = Doc(client, client.project, AR_ARTICLE)
    original = doc.text
    await doc.open()
    broken = add_unknown_variable_text(original)
    line = messages(original)["article-title"].line
    diags = await doc.change(broken)
    assert [d.range.start.line for d in with_code(diags, "unknown-variable")] == [line]
    # On disk: a different clean text (one message fewer), then the broken
    # buffer's own text is left as the editor has it.
    doc.path.write_text(replace_line(original, messages(original)["article-editor"].line, None),
                        encoding="utf-8")
    await asyncio.sleep(2)
    diags = list(client.diagnostics[doc.uri])
    assert [d.range.start.line for d in with_code(diags, "unknown-variable")] == [line], (
        f"after the disk changed:\n{describe(diags)}"
    )
    assert not [d for d in with_code(diags, "missing-message") if "article-editor" in d.message], (
        f"the disk's text leaked into the buffer's diagnostics:\n{describe(diags)}"
    )


# ---- (d) hover ---------------------------------------------------------------


@pytest.mark.parametrize("column", [0, 7])
@EDITORS
async def test_hover_on_id_shows_english_and_state(client: LanguageClient, editor, column):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    line = messages(doc.text)[PARAGRAPH].line
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident(), position=types.Position(line, column))
    )
    text = hover_text(hover)
    want = english(client)[PARAGRAPH].value
    assert squash(want) in squash(text), f"hover lacks the English {want!r}:\n{text}"
    assert re.search(r"translated|up[ -]to[ -]date", text, re.I), f"no state in hover:\n{text}"
    assert not re.search(r"\bstale\b|\bmissing\b", text, re.I), f"wrong state:\n{text}"


async def test_hover_anywhere_on_arabic_lines_answers(client: LanguageClient):
    """Hover at every UTF-16 column of Arabic message lines (ids, `=`, the
    Arabic text, its end): an answer each time (a hover or null), never an
    error; on the id, the English."""
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    msgs = messages(doc.text)
    failures = []
    tried = 0
    for msg_id in ("article-title", PARAGRAPH):
        line = msgs[msg_id].line
        text = doc.text.split("\n")[line]
        for character in range(u16(text) + 1):
            if len(failures) >= 3:  # enough to tell, and a short log
                break
            tried += 1
            try:
                await client.text_document_hover_async(types.HoverParams(
                    text_document=doc.ident(), position=types.Position(line, character)))
            except JsonRpcException as e:
                failures.append(f"{line}:{character} ({text[character - 1:character + 1]!r}): "
                                f"{e.code} {e.message}")
    assert not failures, f"hovers failed (stopped after {tried}): " + "; ".join(failures)


async def test_hover_names_the_section_once(client: LanguageClient):
    """The English file's group comment is `## Section: Prime Ministers After
    the Fall`; the hover shows that heading, not `Section: Section: …`."""
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    en_text = (client.project / EN_ARTICLE).read_text("utf-8")
    assert "## Section: Prime Ministers After the Fall" in en_text
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=doc.ident(),
        position=types.Position(messages(doc.text)[PARAGRAPH].line, 0)))
    text = hover_text(hover)
    assert "Prime Ministers After the Fall" in text, text
    assert "Section: Section:" not in text, text


@pytest.mark.stale("article-author", "Abdul Hage")
async def test_stale_message_warns_and_hover_says_so(client: LanguageClient):
    """l10n-state says the Arabic `article-author` was made from other English:
    a `stale` warning on the id, and hover tells the state and both Englishes."""
    doc = Doc(client, client.project, AR_ARTICLE)
    diags = await doc.open()
    line = messages(doc.text)["article-author"].line
    stale = with_code(diags, "stale")
    assert [rng(d) for d in stale] == [(line, 0, line, len("article-author"))], describe(diags)
    assert stale[0].severity == WARNING, describe(stale)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident(), position=types.Position(line, 3))
    )
    text = hover_text(hover)
    assert english(client)["article-author"].value in text, text
    assert re.search(r"\bstale\b", text, re.I), f"hover does not say stale:\n{text}"


# ---- (e) completion ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["", "article-au"])
@EDITORS
async def test_completion_offers_the_id_deleted_from_the_buffer(
    client: LanguageClient, editor, typed
):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    line = messages(doc.text)["article-author"].line
    diags = await doc.change(replace_line(doc.text, line, typed))
    missing = [d for d in with_code(diags, "missing-message") if "article-author" in d.message]
    assert len(missing) == 1 and missing[0].severity == INFO, describe(diags)
    assert missing[0].range.start.line == 0, describe(missing)

    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc.ident(), position=types.Position(line, u16(typed))
        )
    )
    labels = completion_labels(result)
    assert "article-author" in labels, labels
    # Accepted, the item's edit (or its text at the cursor) makes the message.
    item = next(i for i in completion_items(result) if i.label == "article-author")
    done = accept(doc.text, line, u16(typed), item).split("\n")[line]
    en = english(client)["article-author"]
    assert done.startswith("article-author"), done
    if "=" in done:
        assert done == f"article-author = {en.value}", done


@EDITORS
async def test_completion_offers_the_variables_of_the_english(client: LanguageClient, editor):
    """After `{ $` in the Arabic `page-written-by` (Arabic text before it, so
    the column is in UTF-16): `$author`, the variable the English uses."""
    doc = Doc(client, client.project, AR_PAGE)
    await doc.open()
    line = line_of(doc.text, "page-written-by =")
    old = doc.text.split("\n")[line]
    m = PLACEABLE.search(old)
    new = old[: m.start()] + "{ $"
    await doc.change(replace_line(doc.text, line, new))
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc.ident(), position=doc.pos(line, len(new)))
    )
    labels = [label.lstrip("$") for label in completion_labels(result)]
    assert "author" in labels, labels
    item = next(i for i in completion_items(result) if i.label.lstrip("$") == "author")
    done = accept(doc.text, line, u16(new), item).split("\n")[line]
    assert done == old[: m.start()] + "{ $author", (done, item)


async def test_completion_offers_arabic_plural_categories_in_a_selector(client: LanguageClient):
    """A new variant begun with `[` (a trigger character, as VS Code sends it)
    inside `{ $minutes -> … }`: Arabic's six CLDR plural categories."""
    doc = Doc(client, client.project, AR_PAGE)
    await doc.open()
    line = line_of(doc.text, "page-reading-time =") + 1
    assert "->" in doc.text.split("\n")[line], doc.text.split("\n")[line]
    lines = doc.text.split("\n")
    lines.insert(line + 1, "        [")
    await doc.change("\n".join(lines))
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc.ident(),
            position=types.Position(line + 1, 9),
            context=types.CompletionContext(
                trigger_kind=types.CompletionTriggerKind.TriggerCharacter, trigger_character="["
            ),
        )
    )
    labels = {label.strip("[]* ") for label in completion_labels(result)}
    assert {"zero", "one", "two", "few", "many", "other"} <= labels, labels


# ---- (f) definition ------------------------------------------------------------


@EDITORS
async def test_definition_goes_to_the_english_and_the_markdown(client: LanguageClient, editor):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    line = messages(doc.text)[PARAGRAPH].line
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc.ident(), position=types.Position(line, 5))
    )
    locs = [(uri_path(u), r) for u, r in locations(result)]
    en_path = (client.project / EN_ARTICLE).resolve()
    md_path = (client.project / "content/article.md").resolve()
    en = [r for p, r in locs if p == en_path]
    assert len(en) == 1, f"want one location in {en_path}; got {locs}"
    assert en[0].start.line == english(client)[PARAGRAPH].line, (en[0], locs)
    md = [r for p, r in locs if p == md_path]
    assert len(md) == 1, f"want one location in {md_path}; got {locs}"
    md_line = md_path.read_text("utf-8").split("\n")[md[0].start.line]
    assert english(client)[PARAGRAPH].value in md_line, (md[0], md_line)
    # The range is the paragraph's text on that line (ASCII: UTF-16 = index).
    assert md[0].end.line == md[0].start.line, md[0]
    shown = md_line[md[0].start.character:md[0].end.character]
    assert shown == english(client)[PARAGRAPH].value, (md[0], shown)


@pytest.mark.root_name("مشروع ftlkit")
async def test_project_folder_with_arabic_name_and_space(client: LanguageClient):
    """rootUri is percent-encoded (`%D9%85…%20ftlkit`): the server decodes it,
    reads that project, and answers with URIs that name its files."""
    assert "%20" in client.project.as_uri()
    doc = Doc(client, client.project, AR_ARTICLE)
    assert await doc.open() == []
    line = messages(doc.text)["article-title"].line
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc.ident(), position=types.Position(line, 2))
    )
    paths = [uri_path(u) for u, _ in locations(result)]
    assert (client.project / EN_ARTICLE).resolve() in paths, paths


# ---- (g) code action -----------------------------------------------------------


@EDITORS
async def test_code_action_inserts_the_missing_english(client: LanguageClient, editor):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    en = english(client)["article-author"]
    line = messages(doc.text)["article-author"].line
    diags = await doc.change(replace_line(doc.text, line, None))
    missing = [d for d in with_code(diags, "missing-message") if "article-author" in d.message]
    assert len(missing) == 1, describe(diags)

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident(),
            range=missing[0].range,
            context=types.CodeActionContext(diagnostics=missing),
        )
    )
    inserts = [
        a for a in actions or []
        if isinstance(a, types.CodeAction) and a.title.startswith("Insert")
    ]
    assert len(inserts) == 1, actions
    action = inserts[0]
    assert action.kind in (types.CodeActionKind.QuickFix, "quickfix"), action
    assert action.edit is not None, action
    edits = edits_for(action.edit, doc.uri)
    assert edits, action.edit

    fixed = apply_text_edits(doc.text, edits)
    inserted = messages(fixed).get("article-author")
    assert inserted is not None, f"no article-author after the edit:\n{fixed}"
    assert inserted.value == en.value, inserted
    diags = await doc.change(fixed)
    left = [d for d in with_code(diags, "missing-message") if "article-author" in d.message]
    assert left == [], describe(diags)
    assert not [d for d in diags if d.severity in (ERROR, WARNING)], describe(diags)


# ---- (h) bad requests ----------------------------------------------------------


async def test_bad_requests_get_errors_and_the_server_goes_on(client: LanguageClient):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()

    with pytest.raises(JsonRpcException) as unknown:
        await raw_request(client, "ftlkit/noSuchMethod", {"x": 1})
    assert unknown.value.code == -32601, unknown.value

    with pytest.raises(JsonRpcException) as malformed:
        await raw_request(client, "textDocument/hover", {"foo": 1})
    assert malformed.value.code == -32602, malformed.value

    # An unknown notification is no request: nothing comes back, nothing breaks.
    client.protocol.notify("ftlkit/noSuchNotification", {"x": 1})
    # Documents that are no file of the project: an unsaved new buffer and an
    # .ftl file elsewhere. Whatever the server says of them, it goes on.
    for uri in ("untitled:Untitled-1", (client.project.parent / "elsewhere.ftl").as_uri()):
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="fluent", version=1, text="hello = { $x\n")))
        with contextlib.suppress(JsonRpcException):  # an answer or an error, both fine
            await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(0, 1)))
        with contextlib.suppress(JsonRpcException):
            await client.text_document_completion_async(types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(0, 12)))
    # Past the end of the file: an answer or an error.
    with contextlib.suppress(JsonRpcException):
        await client.text_document_hover_async(
            types.HoverParams(text_document=doc.ident(), position=types.Position(10_000, 0)))

    line = messages(doc.text)[PARAGRAPH].line
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident(), position=types.Position(line, 3))
    )
    assert squash(english(client)[PARAGRAPH].value) in squash(hover_text(hover))
    # And it still follows the buffer.
    diags = await doc.change(add_unknown_variable_text(doc.text))
    assert with_code(diags, "unknown-variable"), describe(diags)


def add_unknown_variable_text(text: str) -> str:
    line, new, *_ = add_unknown_variable(text)
    return replace_line(text, line, new)


async def test_position_past_the_line_end_is_the_line_end(client: LanguageClient):
    """LSP 3.17, Position: "If the character value is greater than the line
    length it defaults back to the line length": hover and completion there
    answer (a result or null), they are no invalid params."""
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    line = messages(doc.text)[PARAGRAPH].line
    width = u16(doc.text.split("\n")[line])
    at_end = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident(), position=types.Position(line, width)))
    past = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident(), position=types.Position(line, width + 5)))
    assert past == at_end
    await client.text_document_completion_async(types.CompletionParams(
        text_document=doc.ident(), position=types.Position(line, width + 5)))


# ---- more of what an editor does ---------------------------------------------


async def test_editing_the_english_rechecks_open_translations(client: LanguageClient):
    """`{ $author }` taken out of the English `page-written-by` in its (unsaved)
    buffer: the open Arabic file is republished with `$author` unknown."""
    ar = Doc(client, client.project, AR_PAGE)
    assert await ar.open() == []
    en = Doc(client, client.project, "locales/en-US/page.ftl")
    await en.open()
    line = line_of(ar.text, "page-written-by =")
    seen = client.diagnostics.count.get(ar.uri, 0)
    en_line = line_of(en.text, "page-written-by =")
    old = en.text.split("\n")[en_line]
    await en.change(replace_line(en.text, en_line, PLACEABLE.sub("", old).rstrip()))
    diags = await ar._wait(seen)
    arabic = ar.text.split("\n")[line]
    m = PLACEABLE.search(arabic)
    assert [rng(d) for d in with_code(diags, "unknown-variable")] == [
        (line, u16(arabic[: m.start()]), line, u16(arabic[: m.end()]))
    ], describe(diags)
    # The English back as it was: the Arabic is clean again.
    seen = client.diagnostics.count.get(ar.uri, 0)
    await en.change((client.project / "locales/en-US/page.ftl").read_text("utf-8"))
    assert await ar._wait(seen) == []


async def test_closing_a_file_clears_its_diagnostics(client: LanguageClient):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    diags = await doc.change(add_unknown_variable_text(doc.text))
    assert with_code(diags, "unknown-variable"), describe(diags)
    seen = doc._seen()
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc.ident()))
    assert await doc._wait(seen) == []


async def test_document_symbols_name_every_message_on_its_id(client: LanguageClient):
    doc = Doc(client, client.project, AR_ARTICLE)
    await doc.open()
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc.ident()))
    found = {}

    def walk(symbols):
        for s in symbols or []:
            if isinstance(s, types.DocumentSymbol):
                found[s.name] = s.selection_range
                walk(s.children)
            else:
                found[s.name] = s.location.range

    walk(result)
    msgs = messages(doc.text)
    for msg_id, m in msgs.items():
        assert msg_id in found, (msg_id, sorted(found))
        r = found[msg_id]
        assert (r.start.line, r.start.character) == (m.line, 0), (msg_id, r)
        assert r.end.line == m.line and r.end.character in (len(msg_id), u16(
            doc.text.split("\n")[m.line])), (msg_id, r)
