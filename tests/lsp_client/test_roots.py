"""`ftlkit lsp` end-to-end (issue 24): which project the server reads (rootUri,
else `-C DIR`, else its current folder; Mozilla l10n.toml through `--config`
or `initializationOptions.config`). See test_lsp.py for how to run these.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from lsprotocol import types

from conftest import BIN, make_client, vscode_initialize
from ftlhelp import Doc, copy_project, describe, locations, messages, replace_line, uri_path

pytestmark = pytest.mark.asyncio(loop_scope="function")


@contextlib.asynccontextmanager
async def started(args: list[str], cwd: Path, params: types.InitializeParams):
    client = make_client()
    await client.start_io(str(BIN), "lsp", *args, cwd=str(cwd))
    try:
        client.initialize_result = await client.initialize_session(params)
        yield client
        await client.shutdown_session()
    finally:
        await client.stop()


async def definition_paths(client, doc: Doc, line: int) -> list[Path]:
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc.ident(), position=types.Position(line, 1))
    )
    return [uri_path(u) for u, _ in locations(result)]


@pytest.mark.parametrize("how", ["-C", "cwd"])
async def test_project_without_root_uri(tmp_path: Path, how):
    """No rootUri, no workspace folder: the project is `-C DIR`, else the
    server's current folder. An unrelated folder is the other one, so a server
    that picks the wrong one reads no project."""
    root = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args, cwd = (["-C", str(root)], elsewhere) if how == "-C" else ([], root)
    async with started(args, cwd, vscode_initialize(None)) as client:
        doc = Doc(client, root, "locales/ar/article.ftl")
        assert await doc.open() == []
        line = messages(doc.text)["article-title"].line
        assert (root / "locales/en-US/article.ftl").resolve() in await definition_paths(
            client, doc, line
        )
        # A broken buffer is checked against this project's English.
        new = doc.text.split("\n")[line] + " { $bogus }"
        diags = await doc.change(replace_line(doc.text, line, new))
        assert [d.range.start.line for d in diags if d.code == "unknown-variable"] == [line], (
            describe(diags)
        )


def mozilla_project(root: Path) -> Path:
    """A small Mozilla-style project: no ftlkit.toml, the l10n.toml in a
    subfolder (so only an explicit configuration finds it), Arabic missing
    `bye`."""
    (root / "en-US").mkdir(parents=True)
    (root / "ar").mkdir()
    (root / "l10n").mkdir()
    (root / "en-US/a.ftl").write_text("hello = Hello, { $name }!\nbye = Goodbye\n", "utf-8")
    (root / "ar/a.ftl").write_text("hello = مرحباً يا { $name }!\n", "utf-8")
    config = root / "l10n/mozilla.toml"
    config.write_text(
        'basepath = ".."\nlocales = ["ar"]\n\n[[paths]]\n'
        'reference = "en-US/**"\nl10n = "{locale}/**"\n',
        "utf-8",
    )
    return config


@pytest.mark.parametrize("how", ["initializationOptions", "--config"])
async def test_mozilla_l10n_toml(tmp_path: Path, how):
    root = tmp_path / "moz"
    config = mozilla_project(root)
    if how == "--config":
        args, params = ["--config", str(config)], vscode_initialize(root)
    else:
        args, params = [], vscode_initialize(root, initialization_options={"config": [str(config)]})
    async with started(args, tmp_path, params) as client:
        doc = Doc(client, root, "ar/a.ftl")
        diags = await doc.open()
        missing = [d for d in diags if d.code == "missing-message"]
        assert len(missing) == 1 and "bye" in missing[0].message, describe(diags)
        assert missing[0].range.start.line == 0, describe(diags)
        assert missing[0].severity == types.DiagnosticSeverity.Information, describe(diags)
        assert [d for d in diags if d is not missing[0]] == [], describe(diags)

        # `$nom` for `$name`: the English's variable is missing, another is unknown.
        broken = doc.text.replace("{ $name }", "{ $nom }")
        diags = await doc.change(broken)
        codes = sorted(d.code for d in diags if d.code != "missing-message")
        assert codes == ["missing-variable", "unknown-variable"], describe(diags)
        assert (root / "en-US/a.ftl").resolve() in await definition_paths(client, doc, 0)
