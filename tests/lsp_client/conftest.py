"""Fixtures for the `ftlkit lsp` end-to-end tests: a copy of the shipped project
in a temp folder, and a real LSP client (pytest-lsp) connected to the server
started on it. See test_lsp.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from ftlhelp import REPO, Published, copy_project

# The server binary: FTLKIT_BIN (relative paths are taken from the repository
# root), else the debug build.
BIN = Path(os.environ.get("FTLKIT_BIN", "target/debug/ftlkit"))
if not BIN.is_absolute():
    BIN = REPO / BIN


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "stale(id, english): before the server starts, l10n-state/ar/article.json "
        "says message `id` was translated from `english`, so it is stale",
    )
    config.addinivalue_line(
        "markers", "root_name(name): the name of the project's temp folder (default `project`)"
    )


@pytest.fixture(scope="session", autouse=True)
def server_binary(tmp_path_factory):
    """Fail every test with the reason when there is no `ftlkit lsp` to test."""
    if not BIN.is_file():
        pytest.fail(f"no server binary at {BIN}: run `cargo build` (or set FTLKIT_BIN)")
    out = subprocess.run([str(BIN), "lsp", "--help"], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.fail(f"`{BIN} lsp --help` exited {out.returncode}: {out.stderr.strip()}")
    # pygls drops every message without `"jsonrpc": "2.0"` with an obscure
    # AttributeError; say so plainly instead (test_wire.py has the details).
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    stdin = f"Content-Length: {len(init)}\r\n\r\n{init}"
    try:
        out = subprocess.run([str(BIN), "lsp"], input=stdin.encode(), capture_output=True,
                             timeout=10, cwd=tmp_path_factory.mktemp("preflight"))
    except subprocess.TimeoutExpired as e:
        out = e
    first = (out.stdout or b"").split(b"\r\n\r\n", 1)[-1][:400].decode("utf-8", "replace")
    if b'"jsonrpc"' not in (out.stdout or b""):
        pytest.fail(
            "`ftlkit lsp` writes messages without \"jsonrpc\": \"2.0\", which JSON-RPC 2.0 "
            f"requires and pytest-lsp/pygls drop; the first: {first!r}"
        )
    return BIN


@pytest.fixture
def project(tmp_path: Path, request) -> Path:
    """A copy of the shipped project (ftlkit.toml, content/, locales/,
    l10n-state/) in a temp folder."""
    name = request.node.get_closest_marker("root_name")
    root = copy_project(tmp_path / (name.args[0] if name else "project"))
    marker = request.node.get_closest_marker("stale")
    if marker:
        msg_id, english = marker.args
        state = root / "l10n-state" / "ar" / "article.json"
        data = json.loads(state.read_text(encoding="utf-8"))
        data["messages"][msg_id]["english"] = english
        state.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return root


def make_client() -> LanguageClient:
    """pytest-lsp's test client, counting each publishDiagnostics per URI."""
    client = pytest_lsp.make_test_lsp_client()
    client.diagnostics = Published()
    # Every publishDiagnostics in order, with its version (pytest-lsp keeps
    # only the last diagnostics per URI).
    client.publishes = []
    handle = client.protocol._handle_notification

    def record(method, params):
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            client.publishes.append(params)
        return handle(method, params)

    client.protocol._handle_notification = record
    return client


def vscode_initialize(root: Path | None, **more) -> types.InitializeParams:
    """`initialize` as VS Code sends it; with `root`: its rootUri and one
    workspace folder."""
    if root is None:
        return types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"), **more
        )
    return types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        **more,
    )


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[str(BIN), "lsp"], client_factory=make_client),
)
async def client(lsp_client: LanguageClient, project: Path, request):
    """The server started as VS Code starts it: rootUri and one workspace
    folder. A test parametrized on `editor` gets that editor's capabilities
    (a pytest-lsp client spec such as `neovim@v0.7.0`) instead of VS Code's."""
    callspec = getattr(request.node, "callspec", None)
    editor = callspec.params.get("editor") if callspec else None
    params = vscode_initialize(project)
    if editor:
        params.capabilities = pytest_lsp.client_capabilities(editor)
    lsp_client.initialize_result = await lsp_client.initialize_session(params)
    lsp_client.project = project
    yield
    await lsp_client.shutdown_session()
