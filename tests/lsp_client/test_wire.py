"""`ftlkit lsp` on the wire (issue 24), with no client library in between:
framing and JSON-RPC 2.0. See test_lsp.py for how to run these."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path

from conftest import BIN
from ftlhelp import copy_project


def frames(stream, out: queue.Queue):
    """Read LSP frames: (headers, body bytes) for each, then None at EOF."""
    while True:
        headers = {}
        while True:
            line = stream.readline()
            if not line:
                out.put(None)
                return
            line = line.strip()
            if not line:
                break
            key, _, value = line.partition(b":")
            headers[key.strip().lower().decode()] = value.strip().decode()
        body = stream.read(int(headers["content-length"]))
        out.put((headers, body))


def test_every_message_is_json_rpc_2_with_the_right_length(tmp_path: Path):
    """On the wire, without a client library in between: each message has a
    Content-Length that is its body's length in bytes (Arabic text in the
    buffers and answers), its body is one JSON object, and it says
    `"jsonrpc": "2.0"`, which JSON-RPC 2.0 requires of every request,
    notification and response (pygls, for one, drops messages without it)."""
    root = copy_project(tmp_path / "project")
    server = subprocess.Popen(
        [str(BIN), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    got: queue.Queue = queue.Queue()
    threading.Thread(target=frames, args=(server.stdout, got), daemon=True).start()

    def send(message: dict):
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def until(pred, what: str) -> list[dict]:
        seen = []
        while True:
            try:
                frame = got.get(timeout=10)
            except queue.Empty:
                raise AssertionError(f"nothing more within 10 s waiting for {what}; got {seen}")
            assert frame is not None, f"the server closed stdout waiting for {what}; got {seen}"
            headers, body = frame
            assert int(headers["content-length"]) == len(body)
            message = json.loads(body.decode("utf-8"))
            seen.append(message)
            if pred(message):
                return seen

    try:
        path = root / "locales/ar/page.ftl"
        text = path.read_text("utf-8")
        line = next(i for i, l in enumerate(text.split("\n")) if l.startswith("page-written-by ="))
        assert text.split("\n")[line + 2].startswith("page-edited-by =")
        seen = []
        # Before initialize, a request is refused with ServerNotInitialized.
        send({"id": 0, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": path.as_uri()}, "position": {"line": 0, "character": 0}}})
        seen += until(lambda m: m.get("id") == 0, "the answer to hover before initialize")
        assert seen[-1].get("error", {}).get("code") == -32002, seen[-1]
        send({"id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}})
        seen += until(lambda m: m.get("id") == 1, "the initialize response")
        send({"method": "initialized", "params": {}})
        broken = text.replace("{ $author }", "{ $author", 1)
        send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": path.as_uri(), "languageId": "fluent", "version": 1, "text": broken}}})
        seen += until(lambda m: m.get("method") == "textDocument/publishDiagnostics",
                      "publishDiagnostics")
        send({"id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line + 2, "character": 2}}})
        seen += until(lambda m: m.get("id") == 2, "the hover response")
        send({"id": 3, "method": "shutdown"})
        seen += until(lambda m: m.get("id") == 3, "the shutdown response")
        send({"method": "exit"})
        assert server.wait(timeout=10) == 0, "exit after shutdown is exit code 0"
        bad = [m for m in seen if m.get("jsonrpc") != "2.0"]
        assert bad == [], f"{len(bad)} of {len(seen)} messages lack \"jsonrpc\": \"2.0\": {bad[:3]}"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_exit_without_shutdown_is_status_1_and_after_shutdown_0(tmp_path: Path):
    """LSP: `exit` ends the server with 0 after `shutdown`, else with 1; and
    stdin closing (the editor died) ends it too."""
    root = copy_project(tmp_path / "project")

    def frame(message: dict) -> bytes:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    init = frame({"id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}})
    initialized = frame({"method": "initialized", "params": {}})
    for name, tail, want in [
        ("shutdown then exit", frame({"id": 2, "method": "shutdown"}) + frame({"method": "exit"}), 0),
        ("exit alone", frame({"method": "exit"}), 1),
    ]:
        out = subprocess.run([str(BIN), "lsp"], input=init + initialized + tail,
                             capture_output=True, timeout=20)
        assert out.returncode == want, (name, out.returncode, out.stderr[-500:])
    # stdin closed with no exit at all: the server ends (any status), no hang.
    subprocess.run([str(BIN), "lsp"], input=init, capture_output=True, timeout=20)
