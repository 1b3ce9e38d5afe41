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
def server_binary():
    """Fail every test with the reason when there is no `ftlkit lsp` to test."""
    if not BIN.is_file():
        pytest.fail(f"no server binary at {BIN}: run `cargo build` (or set FTLKIT_BIN)")
    out = subprocess.run([str(BIN), "lsp", "--help"], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.fail(f"`{BIN} lsp --help` exited {out.returncode}: {out.stderr.strip()}")
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


def _make_client() -> LanguageClient:
    client = pytest_lsp.make_test_lsp_client()
    client.diagnostics = Published()
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[str(BIN), "lsp"], client_factory=_make_client),
)
async def client(lsp_client: LanguageClient, project: Path):
    """The server started as VS Code starts it: rootUri and one workspace folder."""
    params = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=project.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=project.as_uri(), name=project.name)],
    )
    lsp_client.initialize_result = await lsp_client.initialize_session(params)
    lsp_client.project = project
    yield
    await lsp_client.shutdown_session()
