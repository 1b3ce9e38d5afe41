//! The server loop: initialize, then requests answered in order and
//! notifications applied, a changed buffer linted when nothing else waits.

use super::place::path_of;
use super::transport::{self, Outgoing};
use super::workspace::{FileKind, Workspace};
use crate::error::Result;
use crossbeam_channel::Sender;
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as n, Notification as _};
use lsp_types::request::{self as r, Request as _};
use lsp_types::{Uri, *};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// How the server was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-C DIR`: the project when the client names no workspace folder.
    pub root: Option<PathBuf>,
    /// `--config`: Mozilla `l10n.toml` files.
    pub configs: Vec<PathBuf>,
}

/// Serves on stdin and stdout until the client says `exit` or the input ends.
/// Whether the client asked to shut down first (the exit code is 0 then, 1
/// otherwise, as the protocol says).
pub fn run(options: Options) -> Result<bool> {
    let (out, incoming, writer, read_ahead) = transport::stdio();
    let (watched_tx, watched) = crossbeam_channel::unbounded::<PathBuf>();
    let mut server = Server {
        out,
        options,
        workspace: None,
        uris: HashMap::new(),
        versions: HashMap::new(),
        dirty: BTreeSet::new(),
        findings: HashMap::new(),
        watched_tx,
        watcher: None,
        shutdown: false,
    };
    loop {
        crossbeam_channel::select! {
            recv(incoming) -> message => match message {
                Ok(message) => {
                    if server.message(message) {
                        break;
                    }
                }
                Err(_) => break,
            },
            recv(watched) -> path => {
                if let Ok(path) = path {
                    server.file_changed(&path);
                }
            }
        }
        if incoming.is_empty() && watched.is_empty() && read_ahead.is_empty() {
            server.publish_dirty();
        }
    }
    let clean = server.shutdown;
    let _ = server.out.send(Outgoing::Stop);
    drop(server);
    let _ = writer.join();
    Ok(clean)
}

pub(super) struct Server {
    out: Sender<Outgoing>,
    options: Options,
    pub(super) workspace: Option<Workspace>,
    /// The client's URI of each open file, by path.
    uris: HashMap<PathBuf, Uri>,
    versions: HashMap<PathBuf, i32>,
    /// Open files changed since their diagnostics were published.
    dirty: BTreeSet<PathBuf>,
    /// The findings last published, by path.
    pub(super) findings: HashMap<PathBuf, Vec<crate::finding::Finding>>,
    watched_tx: Sender<PathBuf>,
    watcher: Option<notify::RecommendedWatcher>,
    shutdown: bool,
}

/// A request refused: the JSON-RPC error.
pub(super) type Refused = (ErrorCode, String);

impl Server {
    fn send(&self, message: Message) {
        let _ = self.out.send(message.into());
    }

    pub(super) fn log(&self, kind: MessageType, text: impl Into<String>) {
        let params = LogMessageParams {
            typ: kind,
            message: text.into(),
        };
        self.send(Message::Notification(Notification::new(
            n::LogMessage::METHOD.to_string(),
            params,
        )));
    }

    /// Handles one message; true when the server should stop.
    fn message(&mut self, message: Message) -> bool {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(note) => return self.notification(note),
            // Answers to what the server asked (watcher registration).
            Message::Response(_) => {}
        }
        false
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let answer =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(request)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => {
                let message = format!("ftlkit lsp failed on `{method}`: please report this");
                self.log(MessageType::ERROR, message.clone());
                Response::new_err(id, ErrorCode::InternalError as i32, message)
            }
        };
        self.send(Message::Response(response));
    }

    fn dispatch(&mut self, request: Request) -> std::result::Result<Value, Refused> {
        let method = request.method.as_str();
        if method == r::Initialize::METHOD {
            return self.call::<r::Initialize>(request, Self::initialize);
        }
        if self.workspace.is_none() {
            let why = "the server is not initialized: send `initialize` first";
            return Err((ErrorCode::ServerNotInitialized, why.into()));
        }
        if self.shutdown {
            let why = "the server is shutting down";
            return Err((ErrorCode::InvalidRequest, why.into()));
        }
        self.publish_dirty();
        match method {
            r::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            r::HoverRequest::METHOD => self.call::<r::HoverRequest>(request, Self::hover),
            r::Completion::METHOD => self.call::<r::Completion>(request, Self::completion),
            r::GotoDefinition::METHOD => self.call::<r::GotoDefinition>(request, Self::definition),
            r::DocumentSymbolRequest::METHOD => {
                self.call::<r::DocumentSymbolRequest>(request, Self::symbols)
            }
            r::CodeActionRequest::METHOD => {
                self.call::<r::CodeActionRequest>(request, Self::code_actions)
            }
            r::Formatting::METHOD => self.call::<r::Formatting>(request, Self::formatting),
            r::ExecuteCommand::METHOD => self.call::<r::ExecuteCommand>(request, Self::execute),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("ftlkit lsp does not answer `{other}`"),
            )),
        }
    }

    /// Reads a request's parameters and answers it with `handle`.
    fn call<R: r::Request>(
        &mut self,
        request: Request,
        handle: fn(&mut Self, R::Params) -> std::result::Result<R::Result, Refused>,
    ) -> std::result::Result<Value, Refused> {
        let params: R::Params = serde_json::from_value(request.params).map_err(|e| {
            let why = format!("`{}` with parameters it cannot read: {e}", R::METHOD);
            (ErrorCode::InvalidParams, why)
        })?;
        let result = handle(self, params)?;
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn initialize(
        &mut self,
        params: InitializeParams,
    ) -> std::result::Result<InitializeResult, Refused> {
        if self.workspace.is_some() {
            let why = "`initialize` was sent twice";
            return Err((ErrorCode::InvalidRequest, why.into()));
        }
        let root = root_of(&params)
            .or(self.options.root.clone())
            .unwrap_or_else(|| crate::project::find_root(Path::new(".")));
        let mut configs = self.options.configs.clone();
        if let Some(options) = &params.initialization_options {
            // The client's settings may come from the workspace (a
            // `.vscode/settings.json` in a pull request): only an l10n.toml
            // inside the workspace is read.
            for config in configs_of(options) {
                match config_inside(&root, &config) {
                    Ok(path) => configs.push(path),
                    Err(why) => self.log(MessageType::WARNING, why),
                }
            }
        }
        let workspace = match Workspace::load(&root, &configs) {
            Ok(w) => w,
            Err(e) => {
                // Shown, not only logged: the editor otherwise looks as if
                // the file had nothing to say.
                let why = format!("ftlkit lsp: no project at {}: {e}", root.display());
                self.send(Message::Notification(Notification::new(
                    n::ShowMessage::METHOD.to_string(),
                    ShowMessageParams {
                        typ: MessageType::WARNING,
                        message: why.clone(),
                    },
                )));
                self.log(MessageType::WARNING, why);
                Workspace::none(&root)
            }
        };
        self.watcher = self.watch(&workspace);
        self.log(
            MessageType::INFO,
            format!("ftlkit lsp: {}", workspace.describe()),
        );
        self.workspace = Some(workspace);
        self.flush_log();
        Ok(InitializeResult {
            capabilities: capabilities(),
            server_info: Some(ServerInfo {
                name: "ftlkit".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    /// Follows the project's files with notify, whatever the client does.
    fn watch(&self, workspace: &Workspace) -> Option<notify::RecommendedWatcher> {
        use notify::{EventKind, Watcher};
        let tx = self.watched_tx.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if let Ok(event) = event {
                    if !matches!(event.kind, EventKind::Access(_)) {
                        for path in event.paths {
                            let _ = tx.send(path);
                        }
                    }
                }
            })
            .ok()?;
        for (dir, mode) in workspace.watched() {
            if let Err(e) = watcher.watch(&dir, mode) {
                let why = format!("cannot watch {}: {e}", dir.display());
                self.log(MessageType::WARNING, why);
            }
        }
        Some(watcher)
    }

    /// Handles a notification; true when the server should stop.
    fn notification(&mut self, note: Notification) -> bool {
        if note.method == n::Exit::METHOD {
            return true;
        }
        if self.workspace.is_none() {
            return false;
        }
        let method = note.method.clone();
        let handled =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notified(note)));
        match handled {
            Ok(Ok(())) => {}
            Ok(Err(why)) => self.log(MessageType::WARNING, why),
            Err(_) => self.log(
                MessageType::ERROR,
                format!("ftlkit lsp failed on `{method}`: please report this"),
            ),
        }
        false
    }

    fn notified(&mut self, note: Notification) -> std::result::Result<(), String> {
        fn params<N: n::Notification>(
            note: Notification,
        ) -> std::result::Result<N::Params, String> {
            serde_json::from_value(note.params)
                .map_err(|e| format!("`{}` with parameters it cannot read: {e}", N::METHOD))
        }
        match note.method.as_str() {
            n::DidOpenTextDocument::METHOD => {
                let p = params::<n::DidOpenTextDocument>(note)?;
                let path = path_of(&p.text_document.uri)?;
                self.opened(
                    path,
                    p.text_document.uri,
                    p.text_document.version,
                    p.text_document.text,
                );
            }
            n::DidChangeTextDocument::METHOD => {
                let p = params::<n::DidChangeTextDocument>(note)?;
                let path = path_of(&p.text_document.uri)?;
                self.edited(path, p.text_document.version, p.content_changes)?;
            }
            n::DidCloseTextDocument::METHOD => {
                let p = params::<n::DidCloseTextDocument>(note)?;
                let path = path_of(&p.text_document.uri)?;
                self.closed(&path, p.text_document.uri);
            }
            n::DidSaveTextDocument::METHOD => {
                let p = params::<n::DidSaveTextDocument>(note)?;
                let path = path_of(&p.text_document.uri)?;
                self.file_changed(&path);
            }
            n::DidChangeWatchedFiles::METHOD => {
                let p = params::<n::DidChangeWatchedFiles>(note)?;
                for change in p.changes {
                    if let Ok(path) = path_of(&change.uri) {
                        self.file_changed(&path);
                    }
                }
            }
            // initialized, $/cancelRequest, $/setTrace…: nothing to do.
            _ => {}
        }
        Ok(())
    }

    fn ws(&mut self) -> &mut Workspace {
        self.workspace
            .as_mut()
            .expect("requests come after initialize")
    }

    fn opened(&mut self, path: PathBuf, uri: Uri, version: i32, text: String) {
        self.ws().open.insert(path.clone(), text);
        self.ws().buffer_changed(&path);
        self.uris.insert(path.clone(), uri);
        self.versions.insert(path.clone(), version);
        if self.ws().kind(&path) == FileKind::Outside {
            let why = format!(
                "{} is not a file of the project: ftlkit does not check it",
                path.display()
            );
            self.log(MessageType::INFO, why);
        }
        self.dirty.insert(path);
    }

    fn edited(
        &mut self,
        path: PathBuf,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> std::result::Result<(), String> {
        let Some(mut text) = self.ws().open.remove(&path) else {
            return Err(format!("{} changed but was never opened", path.display()));
        };
        let mut refused = None;
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let lines = super::text::Lines::new(&text);
                    match (lines.offset(range.start), lines.offset(range.end)) {
                        (Some(a), Some(b)) if a <= b => text.replace_range(a..b, &change.text),
                        _ => {
                            refused = Some(format!(
                                "a change of {} at {range:?}, outside its text, was not applied",
                                path.display()
                            ))
                        }
                    }
                }
            }
        }
        self.ws().open.insert(path.clone(), text);
        self.ws().buffer_changed(&path);
        self.versions.insert(path.clone(), version);
        self.mark_dependents(&path);
        self.dirty.insert(path);
        refused.map_or(Ok(()), Err)
    }

    fn closed(&mut self, path: &Path, uri: Uri) {
        self.ws().open.remove(path);
        self.ws().buffer_changed(path);
        self.uris.remove(path);
        self.versions.remove(path);
        self.dirty.remove(path);
        self.findings.remove(path);
        self.publish(uri, Vec::new(), None);
        self.mark_dependents(path);
    }

    /// A file changed on disk (or was saved): what was read of it is read
    /// again, the project's configuration too if it was that, and every open
    /// file is checked again.
    fn file_changed(&mut self, path: &Path) {
        crate::fsutil::forget_folder_links();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == crate::project::CONFIG_FILE || name == "l10n.toml" {
            self.reload();
        } else {
            self.ws().disk_changed(path);
        }
        let open: Vec<PathBuf> = self.uris.keys().cloned().collect();
        self.dirty.extend(open);
    }

    fn reload(&mut self) {
        let root = self.ws().root.clone();
        let configs = self.ws().configs();
        match Workspace::load(&root, &configs) {
            Ok(mut fresh) => {
                fresh.open = std::mem::take(&mut self.ws().open);
                self.log(MessageType::INFO, format!("reloaded: {}", fresh.describe()));
                self.workspace = Some(fresh);
                self.flush_log();
            }
            Err(e) => self.log(
                MessageType::WARNING,
                format!("the project's configuration is broken, kept the last one: {e}"),
            ),
        }
    }

    /// Open files whose findings depend on `path`: every other open file when
    /// it is a reference (its English) or a translation (the locale's ids).
    fn mark_dependents(&mut self, path: &Path) {
        if !matches!(
            self.ws().kind(path),
            FileKind::Outside | FileKind::Content { .. }
        ) {
            let others: Vec<PathBuf> = self.uris.keys().filter(|p| *p != path).cloned().collect();
            self.dirty.extend(others);
        }
    }

    fn publish_dirty(&mut self) {
        for path in std::mem::take(&mut self.dirty) {
            let Some(uri) = self.uris.get(&path).cloned() else {
                continue;
            };
            let Some(text) = self.ws().open.get(&path).cloned() else {
                continue;
            };
            let ws = self.ws();
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                super::diagnose::diagnose(ws, &path, &text)
            }));
            let Ok((diagnostics, findings)) = checked else {
                let why = format!(
                    "ftlkit lsp failed checking {}: please report this",
                    path.display()
                );
                self.log(MessageType::ERROR, why);
                continue;
            };
            self.flush_log();
            self.findings.insert(path.clone(), findings);
            let version = self.versions.get(&path).copied();
            self.publish(uri, diagnostics, version);
        }
    }

    /// What the workspace could not read, to the client's log.
    fn flush_log(&mut self) {
        for line in std::mem::take(&mut self.ws().log) {
            self.log(MessageType::WARNING, line);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            n::PublishDiagnostics::METHOD.to_string(),
            params,
        )));
    }

    /// The open file a request is about: its path and text.
    /// The open file a request is about: its path and text; `None` for a
    /// document that is no file (`untitled:`), which nothing is known of.
    pub(super) fn document(
        &mut self,
        uri: &Uri,
    ) -> std::result::Result<Option<(PathBuf, String)>, Refused> {
        let Ok(path) = path_of(uri) else {
            return Ok(None);
        };
        match self.ws().open.get(&path) {
            Some(text) => Ok(Some((path, text.clone()))),
            None => match self.ws().text(&path) {
                Ok(Some(text)) => Ok(Some((path, text))),
                _ => Err((
                    ErrorCode::InvalidParams,
                    format!("{} is neither open nor a readable file", path.display()),
                )),
            },
        }
    }

    fn hover(&mut self, p: HoverParams) -> std::result::Result<Option<Hover>, Refused> {
        let at = p.text_document_position_params;
        let Some((path, text)) = self.document(&at.text_document.uri)? else {
            return Ok(None);
        };
        let findings = self.findings.get(&path).cloned().unwrap_or_default();
        super::features::hover(self.ws(), &path, &text, at.position, &findings).map_err(invalid)
    }

    fn completion(
        &mut self,
        p: CompletionParams,
    ) -> std::result::Result<Option<CompletionResponse>, Refused> {
        let at = p.text_document_position;
        let Some((path, text)) = self.document(&at.text_document.uri)? else {
            return Ok(None);
        };
        let items =
            super::features::completion(self.ws(), &path, &text, at.position).map_err(invalid)?;
        Ok(Some(CompletionResponse::Array(items)))
    }

    fn definition(
        &mut self,
        p: GotoDefinitionParams,
    ) -> std::result::Result<Option<GotoDefinitionResponse>, Refused> {
        let at = p.text_document_position_params;
        let Some((path, text)) = self.document(&at.text_document.uri)? else {
            return Ok(None);
        };
        let places =
            super::features::definition(self.ws(), &path, &text, at.position).map_err(invalid)?;
        Ok((!places.is_empty()).then_some(GotoDefinitionResponse::Array(places)))
    }

    fn symbols(
        &mut self,
        p: DocumentSymbolParams,
    ) -> std::result::Result<Option<DocumentSymbolResponse>, Refused> {
        let Some((path, text)) = self.document(&p.text_document.uri)? else {
            return Ok(None);
        };
        if path.extension().is_none_or(|e| e != "ftl") {
            return Ok(None);
        }
        Ok(Some(DocumentSymbolResponse::Nested(
            super::features::symbols(&text),
        )))
    }

    fn code_actions(
        &mut self,
        p: CodeActionParams,
    ) -> std::result::Result<Option<CodeActionResponse>, Refused> {
        let uri = p.text_document.uri.clone();
        let Some((path, text)) = self.document(&uri)? else {
            return Ok(None);
        };
        let lines = p.range.start.line..=p.range.end.line;
        let actions = super::actions::code_actions(
            self.ws(),
            &path,
            &uri,
            &text,
            lines,
            &p.context.diagnostics,
        )
        .map_err(invalid)?;
        Ok(Some(actions))
    }

    /// `ftlkit.accept` (the code action on a stale translation): the state
    /// record written, then every open file checked again.
    fn execute(&mut self, p: ExecuteCommandParams) -> std::result::Result<Option<Value>, Refused> {
        let said = match p.command.as_str() {
            super::actions::ACCEPT => super::actions::run_accept(self.ws(), &p.arguments),
            super::actions::REVIEW => super::actions::run_review(self.ws(), &p.arguments),
            _ => {
                let why = format!("ftlkit lsp has no command `{}`", p.command);
                return Err((ErrorCode::InvalidParams, why));
            }
        }
        .map_err(invalid)?;
        self.log(MessageType::INFO, said);
        if let Some(project) = self.ws().project() {
            let state = project.root.join(crate::state::STATE_DIR);
            self.file_changed(&state);
        }
        Ok(None)
    }

    fn formatting(
        &mut self,
        p: DocumentFormattingParams,
    ) -> std::result::Result<Option<Vec<TextEdit>>, Refused> {
        let Some((path, text)) = self.document(&p.text_document.uri)? else {
            return Ok(None);
        };
        if path.extension().is_none_or(|e| e != "ftl") {
            return Ok(None);
        }
        let normalize = self.ws().project().map(|p| p.format.normalize);
        if normalize == Some(crate::project::Normalize::None) {
            return Ok(Some(Vec::new()));
        }
        Ok(Some(super::actions::format(&text)))
    }
}

fn invalid(why: String) -> Refused {
    (ErrorCode::InvalidParams, why)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["$".into(), "-".into(), "[".into(), "{".into()]),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![super::actions::ACCEPT.into(), super::actions::REVIEW.into()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The project folder the client names: its first workspace folder, else
/// its (older) root URI.
#[allow(deprecated)]
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone());
    let uri = folder.or_else(|| params.root_uri.clone())?;
    path_of(&uri).ok()
}

/// `initializationOptions.config`: one l10n.toml path or a list of them.
fn configs_of(options: &Value) -> Vec<PathBuf> {
    match options.get("config") {
        Some(Value::String(s)) => vec![PathBuf::from(s)],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(PathBuf::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// An `initializationOptions.config` path (relative to the workspace) when
/// it is inside the workspace once resolved; why not otherwise.
fn config_inside(root: &Path, config: &Path) -> std::result::Result<PathBuf, String> {
    let path = root.join(config);
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match std::fs::canonicalize(&path) {
        Ok(real) if real.starts_with(&real_root) => Ok(path),
        Ok(real) => Err(format!(
            "ftlkit lsp: initializationOptions.config {} leads to {}, outside the workspace ({}): not read",
            config.display(),
            real.display(),
            real_root.display()
        )),
        // A missing file: the workspace says so when it loads.
        Err(_) => Ok(path),
    }
}
