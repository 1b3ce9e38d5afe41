//! The wire: `Content-Length`-framed JSON-RPC on stdin and stdout. lsp-server
//! reads frames too, but ends its reader at the first malformed one; a
//! language server must answer a bad message and go on, so the reading is
//! done here: a frame that is not JSON gets a parse error (-32700), JSON that
//! is not a message an invalid-request error (-32600), and the next frame is
//! read as if nothing happened. Messages go to the server loop as
//! lsp-server's [`Message`]s, answers back through a writer thread.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, RequestId, Response};
use std::io::{BufRead, Read, Write};

/// The largest frame read: a buffer of the 64 MiB ftlkit reads from a file
/// at most, with room for its JSON; a larger one is answered with an error,
/// its body unread (then skipped as header lines).
pub const MAX_FRAME: usize = 80 * 1024 * 1024;
/// The longest header line kept; a longer one (no CRLF in sight) is skipped
/// as it streams, never buffered.
pub const MAX_HEADER_LINE: usize = 8 * 1024;
/// The most messages read ahead of the server; the reader then waits (the
/// client's writes block) until the server catches up.
pub const MAX_QUEUED: usize = 256;
/// The most bytes of message bodies read ahead of the server.
pub const MAX_QUEUED_BYTES: usize = 128 * 1024 * 1024;
/// The most messages waiting for a client that does not read; the server
/// then waits for it.
pub const MAX_OUTGOING: usize = 1024;

/// What one frame of the input was.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// Not a message: the error response to send (with the request's id
    /// when it had one, else `null`), and the bytes after the bad message
    /// when its body held the next frame's header (a `Content-Length` too
    /// large: a client counting characters, not bytes): read again.
    Bad {
        response: serde_json::Value,
        rest: Vec<u8>,
    },
    /// Headers without a usable `Content-Length`: a line for the log. What
    /// follows is read as headers until one names a length again.
    Garbled(String),
}

const HEADER: &[u8] = b"content-length:";

/// Where `Content-Length:` starts in `bytes`, in any case.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(HEADER.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER))
}

/// Reads the next frame; `None` at the end of the input. A header line is
/// read as bytes (garbage that is not UTF-8 ends nothing), and `Content-Length`
/// is found anywhere in it: the rest of a frame whose length was too small is
/// glued to the next header, which is found again so.
pub fn read_frame(input: &mut dyn BufRead) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        match read_line_bounded(input, &mut line)? {
            Line::End => return Ok(None),
            Line::Kept => {}
            Line::TooLong => {
                return Ok(Some(Frame::Garbled(format!(
                    "a header line of more than {MAX_HEADER_LINE} bytes: skipped"
                ))))
            }
        }
        let header = line.trim_ascii_end();
        if header.is_empty() {
            if any {
                break;
            }
            // Blank lines between frames.
            continue;
        }
        any = true;
        if let Some(at) = find_header(header) {
            let value = String::from_utf8_lossy(&header[at + HEADER.len()..])
                .trim()
                .to_string();
            length = Some(value.parse().map_err(|_| value));
        }
    }
    let size = match length {
        Some(Ok(size)) if size <= MAX_FRAME => size,
        Some(Ok(size)) => {
            // Not skipped: a wrong length would swallow the messages after it.
            return Ok(Some(Frame::Bad {
                response: error_json(
                    serde_json::Value::Null,
                    lsp_server::ErrorCode::InvalidRequest,
                    format!(
                        "a message of {size} bytes is over the {MAX_FRAME} bytes read: not read"
                    ),
                ),
                rest: Vec::new(),
            }));
        }
        Some(Err(value)) => {
            return Ok(Some(Frame::Garbled(format!(
                "a frame's Content-Length is not a number ({value:?}): skipped"
            ))))
        }
        None => {
            return Ok(Some(Frame::Garbled(
                "a frame has no Content-Length header: skipped".into(),
            )))
        }
    };
    let mut body = vec![0; size];
    input.read_exact(&mut body)?;
    Ok(Some(parse(body)))
}

/// How [`read_line_bounded`] ended.
enum Line {
    /// The input's end, nothing read.
    End,
    Kept,
    /// Longer than [`MAX_HEADER_LINE`]: read to its end and dropped.
    TooLong,
}

/// `read_until(b'\n')` that keeps at most [`MAX_HEADER_LINE`] bytes: a longer
/// line is consumed to its end (or the input's) without being stored.
fn read_line_bounded(input: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<Line> {
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let used = chunk.len();
        if !too_long && line.len() + used <= MAX_HEADER_LINE {
            line.extend_from_slice(chunk);
        } else {
            too_long = true;
            line.clear();
        }
        input.consume(used);
        if done {
            break;
        }
    }
    Ok(match (read_any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Kept,
    })
}

fn parse(mut body: Vec<u8>) -> Frame {
    use lsp_server::ErrorCode;
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            let message = format!("not JSON: {e}");
            let rest = match find_header(&body) {
                Some(at) => body.split_off(at),
                None => Vec::new(),
            };
            let response = error_json(serde_json::Value::Null, ErrorCode::ParseError, message);
            return Frame::Bad { response, rest };
        }
    };
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_number())
        .cloned()
        .unwrap_or_default();
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Frame::Message(message),
        Err(e) => {
            let message = format!("not a JSON-RPC message: {e}");
            let response = error_json(id, ErrorCode::InvalidRequest, message);
            Frame::Bad {
                response,
                rest: Vec::new(),
            }
        }
    }
}

pub fn error(id: RequestId, code: lsp_server::ErrorCode, message: String) -> Response {
    Response::new_err(id, code as i32, message)
}

/// An error response as JSON: its id may be `null` (a message whose id could
/// not be read), which [`RequestId`] cannot hold.
fn error_json(
    id: serde_json::Value,
    code: lsp_server::ErrorCode,
    message: String,
) -> serde_json::Value {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message},
    })
}

/// What the writer sends: the server's messages, and the reader's answers
/// to bad frames.
pub enum Outgoing {
    Message(Message),
    Raw(serde_json::Value),
    /// The last: the writer stops after what came before it.
    Stop,
}

impl From<Message> for Outgoing {
    fn from(m: Message) -> Self {
        Outgoing::Message(m)
    }
}

/// Starts the reader and writer threads on stdin and stdout. The server
/// reads `Message`s from the receiver and sends its own to the sender; the
/// reader answers bad frames itself and logs garbled ones to stderr.
///
/// Both ways are bounded: at most [`MAX_QUEUED`] messages
/// ([`MAX_QUEUED_BYTES`]) are read ahead of the server, and a `didChange`
/// of a document whose previous `didChange` still waits is merged into it
/// (a full text replaces the changes before it), so a burst of keystrokes
/// is one change and one check; at most [`MAX_OUTGOING`] messages wait for
/// the client to read them.
pub fn stdio() -> (
    Sender<Outgoing>,
    Receiver<Message>,
    std::thread::JoinHandle<()>,
    std::sync::Arc<Queue>,
) {
    let (to_client, outgoing) = crossbeam_channel::bounded::<Outgoing>(MAX_OUTGOING);
    let (incoming, from_client) = crossbeam_channel::bounded::<Message>(0);
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for message in outgoing {
            if matches!(message, Outgoing::Stop) || write_message(&mut out, &message).is_err() {
                break;
            }
        }
    });
    let queue = std::sync::Arc::new(Queue::default());
    let forward = queue.clone();
    let read_ahead = queue.clone();
    std::thread::spawn(move || {
        while let Some(m) = forward.pop() {
            if incoming.send(m).is_err() {
                break;
            }
        }
    });
    let answers = to_client.clone();
    std::thread::spawn(move || {
        let mut input: Box<dyn BufRead> = Box::new(std::io::stdin().lock());
        loop {
            match read_frame(&mut *input) {
                Ok(Some(Frame::Message(m))) => queue.push(m),
                Ok(Some(Frame::Bad { response, rest })) => {
                    let _ = answers.send(Outgoing::Raw(response));
                    if !rest.is_empty() {
                        input = Box::new(std::io::Cursor::new(rest).chain(input));
                    }
                }
                Ok(Some(Frame::Garbled(why))) => {
                    let _ = writeln!(std::io::stderr(), "ftlkit lsp: {why}");
                }
                // The end of the input (or a broken one): the server stops.
                Ok(None) | Err(_) => break,
            }
        }
        queue.close();
    });
    (to_client, from_client, writer, read_ahead)
}

/// The messages read and not yet taken by the server (see [`stdio`]).
#[derive(Default)]
pub struct Queue {
    state: std::sync::Mutex<Queued>,
    changed: std::sync::Condvar,
}

#[derive(Default)]
struct Queued {
    messages: std::collections::VecDeque<(Message, usize)>,
    bytes: usize,
    closed: bool,
}

impl Queue {
    /// Queues a message read, merged into the last one when both are
    /// changes of one document; waits while the queue is full.
    pub fn push(&self, message: Message) {
        let mut guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let q = &mut *guard;
        if let Some((last, last_size)) = q.messages.back_mut() {
            if merge_changes(last, &message) {
                let size = approximate_size(last);
                q.bytes = q.bytes - *last_size + size;
                *last_size = size;
                self.changed.notify_all();
                return;
            }
        }
        let size = approximate_size(&message);
        while !guard.messages.is_empty()
            && (guard.messages.len() >= MAX_QUEUED || guard.bytes + size > MAX_QUEUED_BYTES)
        {
            guard = self.changed.wait(guard).unwrap_or_else(|e| e.into_inner());
        }
        guard.bytes += size;
        guard.messages.push_back((message, size));
        self.changed.notify_all();
    }

    /// The next message, waiting for one; `None` once closed and empty.
    pub fn pop(&self) -> Option<Message> {
        let mut q = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some((m, size)) = q.messages.pop_front() {
                q.bytes -= size;
                self.changed.notify_all();
                return Some(m);
            }
            if q.closed {
                return None;
            }
            q = self.changed.wait(q).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Whether no message waits (but the one being handed to the server).
    pub fn is_empty(&self) -> bool {
        let q = self.state.lock().unwrap_or_else(|e| e.into_inner());
        q.messages.is_empty()
    }

    /// No more messages will come.
    pub fn close(&self) {
        let mut q = self.state.lock().unwrap_or_else(|e| e.into_inner());
        q.closed = true;
        self.changed.notify_all();
    }
}

/// A message's size, roughly: the length of its parameters' text.
fn approximate_size(message: &Message) -> usize {
    let params = match message {
        Message::Request(r) => &r.params,
        Message::Notification(n) => &n.params,
        Message::Response(_) => return 64,
    };
    fn size(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) => s.len() + 2,
            serde_json::Value::Array(a) => a.iter().map(size).sum::<usize>() + 2,
            serde_json::Value::Object(o) => {
                o.iter().map(|(k, v)| k.len() + 3 + size(v)).sum::<usize>() + 2
            }
            _ => 8,
        }
    }
    size(params)
}

/// Merges `next` into `last` when both are `didChange` notifications of one
/// document (the later version, the changes in order, those before a full
/// text dropped); false, and nothing changed, otherwise.
fn merge_changes(last: &mut Message, next: &Message) -> bool {
    const DID_CHANGE: &str = "textDocument/didChange";
    let (Message::Notification(a), Message::Notification(b)) = (&mut *last, next) else {
        return false;
    };
    let uri = |n: &lsp_server::Notification| n.params["textDocument"]["uri"].clone();
    if a.method != DID_CHANGE || b.method != DID_CHANGE || uri(a) != uri(b) || uri(a).is_null() {
        return false;
    }
    let Some(more) = b.params["contentChanges"].as_array() else {
        return false;
    };
    let Some(all) = a.params["contentChanges"].as_array_mut() else {
        return false;
    };
    all.extend(more.iter().cloned());
    if let Some(i) = all
        .iter()
        .rposition(|c| c.get("range").is_none_or(|r| r.is_null()))
    {
        all.drain(..i);
    }
    a.params["textDocument"] = b.params["textDocument"].clone();
    true
}

fn write_message(out: &mut impl Write, message: &Outgoing) -> std::io::Result<()> {
    match message {
        // lsp-server's writer: the frame, with `"jsonrpc": "2.0"`.
        Outgoing::Message(m) => m.write(out),
        Outgoing::Raw(v) => {
            let body = serde_json::to_string(v)?;
            write!(out, "Content-Length: {}\r\n\r\n{}", body.len(), body)?;
            out.flush()
        }
        Outgoing::Stop => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frames of `input`, read as the server's reader does (a bad
    /// frame's rest read again).
    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut input: Box<dyn BufRead> = Box::new(std::io::Cursor::new(input.to_vec()));
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut *input).unwrap() {
            if let Frame::Bad { rest, .. } = &frame {
                if !rest.is_empty() {
                    input = Box::new(std::io::Cursor::new(rest.clone()).chain(input));
                }
            }
            out.push(frame);
        }
        out
    }

    fn shutdowns(frames: &[Frame]) -> usize {
        frames
            .iter()
            .filter(|f| matches!(f, Frame::Message(Message::Request(r)) if r.method == "shutdown"))
            .count()
    }

    #[test]
    fn a_wrong_length_costs_one_message_and_the_next_ones_are_read() {
        let good = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let bad = r#"{"jsonrpc":"2.0","method":"x"}"#;
        let cases = [
            // Too small (a client counting characters of Arabic text).
            format!("Content-Length: 10\r\n\r\n{bad}"),
            // Too large: the next frame is inside the body read.
            format!("Content-Length: {}\r\n\r\n{bad}", bad.len() + 30),
            format!("Content-Length: abc\r\n\r\n{bad}"),
            format!("Content-Length: 99999999999999999999\r\n\r\n{bad}"),
            format!("Content-Length: 999999999999\r\n\r\n{bad}"),
            "\u{0}\u{ff}garbage\n".to_string(),
        ];
        for case in &cases {
            let mut input = case.clone().into_bytes();
            if case.starts_with('\u{0}') {
                input = vec![0, 0xff, 0xfe, b'\n'];
            }
            for _ in 0..3 {
                input.extend(framed(good).into_bytes());
            }
            let got = frames(&input);
            assert!(shutdowns(&got) >= 2, "{case:?}: {got:?}");
        }
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_bad_frame_is_answered_and_the_next_one_read() {
        let good = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let input = [
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","id":3,"params":{}}"#),
            "Content-Type: x\r\n\r\n".into(),
            framed(good),
        ]
        .concat();
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 4, "{got:?}");
        let Frame::Bad { response: json, .. } = &got[0] else {
            panic!("{:?}", got[0])
        };
        assert_eq!(json["error"]["code"], -32700);
        assert_eq!(json["id"], serde_json::Value::Null);
        let Frame::Bad { response: json, .. } = &got[1] else {
            panic!("{:?}", got[1])
        };
        assert_eq!(json["error"]["code"], -32600);
        assert_eq!(json["id"], 3);
        assert!(matches!(got[2], Frame::Garbled(_)));
        let Frame::Message(Message::Request(r)) = &got[3] else {
            panic!("{:?}", got[3])
        };
        assert_eq!(r.method, "shutdown");
    }

    #[test]
    fn every_message_written_says_jsonrpc_2() {
        let mut out = Vec::new();
        let response = Response::new_ok(RequestId::from(1), serde_json::json!(null));
        write_message(&mut out, &Outgoing::Message(Message::Response(response))).unwrap();
        let text = String::from_utf8(out).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["jsonrpc"], "2.0");
        assert_eq!(json["id"], 1);
    }

    #[test]
    fn a_header_line_without_an_end_is_skipped_unbuffered() {
        let good = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let mut input = vec![b'x'; 3 * MAX_HEADER_LINE];
        input.push(b'\n');
        input.extend(framed(good).into_bytes());
        let got = frames(&input);
        assert!(matches!(&got[0], Frame::Garbled(why) if why.contains("header line")));
        assert_eq!(shutdowns(&got), 1, "{got:?}");
    }

    fn did_change(version: i32, changes: serde_json::Value) -> Message {
        Message::Notification(lsp_server::Notification::new(
            "textDocument/didChange".into(),
            serde_json::json!({
                "textDocument": {"uri": "file:///p/locales/ar/a.ftl", "version": version},
                "contentChanges": changes,
            }),
        ))
    }

    #[test]
    fn queued_changes_of_a_document_become_one() {
        let q = Queue::default();
        for v in 1..=500 {
            q.push(did_change(
                v,
                serde_json::json!([{"text": format!("a = {v}\n")}]),
            ));
        }
        let ranged = serde_json::json!([{"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 7}}, "text": "x"}]);
        q.push(did_change(501, ranged));
        q.close();
        let Some(Message::Notification(n)) = q.pop() else {
            panic!("no message")
        };
        assert!(q.pop().is_none(), "one message left");
        assert_eq!(n.params["textDocument"]["version"], 501);
        let changes = n.params["contentChanges"].as_array().unwrap();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0]["text"], "a = 500\n");
        assert_eq!(changes[1]["text"], "x");
    }

    #[test]
    fn a_frame_cut_short_ends_the_input_without_a_panic() {
        let mut input = std::io::Cursor::new(b"Content-Length: 50\r\n\r\n{\"a\"".to_vec());
        assert!(read_frame(&mut input).is_err());
    }
}
