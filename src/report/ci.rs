//! Findings in the formats CI systems read: GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…,title=…::message`, shown as annotations on
//! a pull request's lines) and SARIF 2.1.0 (GitHub code scanning, Azure
//! DevOps, any SARIF viewer), with a rule per code carrying its rationale.
//! The same findings, in the same order, as `--format json` gives them.

use crate::finding::{Code, Finding, Severity};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Escapes a workflow command's message (GitHub's `escapeData`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (GitHub's `escapeProperty`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub's command for a severity: `error`, `warning` or `notice`.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One workflow command per finding (info ones only with `show_info`): an
/// annotation at the file, line and column, titled with the code and locale.
pub fn github<'f>(
    out: &mut dyn Write,
    findings: impl IntoIterator<Item = &'f Finding>,
    show_info: bool,
) -> io::Result<()> {
    for f in findings {
        if f.severity == Severity::Info && !show_info {
            continue;
        }
        let mut props = vec![format!("file={}", escape_property(&f.path))];
        if f.line > 0 {
            props.push(format!("line={}", f.line));
            if f.column > 0 {
                props.push(format!("col={}", f.column));
            }
        }
        let title = format!("ftlkit {} ({})", f.code.as_str(), f.locale);
        props.push(format!("title={}", escape_property(&title)));
        writeln!(
            out,
            "::{} {}::{}",
            command(f.severity),
            props.join(","),
            escape_data(&f.message)
        )?;
    }
    Ok(())
}

/// A notice line per locale for `status --format github`: its counts, as a
/// warning when messages are missing, stale or broken.
pub fn github_status(
    out: &mut dyn Write,
    locales: &[(String, crate::lint::Counts)],
) -> io::Result<()> {
    for (locale, c) in locales {
        let level = if c.missing + c.stale + c.errors > 0 {
            "warning"
        } else {
            "notice"
        };
        let message = format!(
            "{locale}: {}/{} translated ({:.1}%), {} missing, {} stale, {} obsolete, {} errors",
            c.translated,
            c.messages,
            c.complete() * 100.0,
            c.missing,
            c.stale,
            c.obsolete,
            c.errors
        );
        writeln!(
            out,
            "::{level} title={}::{}",
            escape_property(&format!("ftlkit status ({locale})")),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// SARIF's level for a severity.
fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The findings as one SARIF 2.1.0 log: a run of the tool `ftlkit` whose
/// rules are the codes found (id, rationale as description and help, default
/// level), and a result per finding with its file, line and column (a file
/// URI relative to the project root, `%SRCROOT%`).
pub fn sarif<'f>(
    out: &mut dyn Write,
    findings: impl IntoIterator<Item = &'f Finding>,
    show_info: bool,
) -> io::Result<()> {
    let mut writer = Sarif::new(show_info);
    for f in findings {
        writer.result(out, f)?;
    }
    writer.finish(out)
}

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// [`sarif`] written as the findings come (`check --config` on a hundred
/// locales holds a few locales' findings, never all): the results first,
/// each rule given its index when its code is first met, the rules at the
/// end. The bytes are `serde_json`'s pretty printing of the whole log (its
/// keys sorted: `results` comes before `tool`).
pub struct Sarif {
    show_info: bool,
    /// Each code met, in the order met: its rule's index.
    rules: BTreeMap<Code, usize>,
    wrote: usize,
}

impl Sarif {
    pub fn new(show_info: bool) -> Self {
        Sarif {
            show_info,
            rules: BTreeMap::new(),
            wrote: 0,
        }
    }

    /// The next findings, in report order.
    pub fn part(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        findings.iter().try_for_each(|f| self.result(out, f))
    }

    fn result(&mut self, out: &mut dyn Write, f: &Finding) -> io::Result<()> {
        if !self.show_info && f.severity == Severity::Info {
            return Ok(());
        }
        let next = self.rules.len();
        let index = *self.rules.entry(f.code).or_insert(next);
        let head: &[u8] = match self.wrote {
            0 => b"{\n  \"$schema\": \"",
            _ => b",\n        ",
        };
        out.write_all(head)?;
        if self.wrote == 0 {
            out.write_all(SCHEMA.as_bytes())?;
            out.write_all(
                b"\",\n  \"runs\": [\n    {\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [\n        ",
            )?;
        }
        let mut buf = Vec::new();
        super::indent(
            &mut buf,
            &serde_json::to_vec_pretty(&result(f, index))?,
            b"        ",
        );
        out.write_all(&buf)?;
        self.wrote += 1;
        Ok(())
    }

    /// The rules of the codes met, and the end of the log.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.wrote == 0 {
            // No result: the log as the printer writes an empty list.
            let head = format!("{{\n  \"$schema\": \"{SCHEMA}\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": []");
            out.write_all(head.as_bytes())?;
        } else {
            out.write_all(b"\n      ]")?;
        }
        let mut ordered: Vec<(Code, usize)> = self.rules.iter().map(|(c, i)| (*c, *i)).collect();
        ordered.sort_by_key(|(_, i)| *i);
        let rules: Vec<serde_json::Value> = ordered.iter().map(|(code, _)| rule(*code)).collect();
        let tool = serde_json::json!({ "driver": {
            "name": "ftlkit",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://projectfluent.org",
            "rules": rules,
        }});
        out.write_all(b",\n      \"tool\": ")?;
        let mut buf = Vec::new();
        super::indent(&mut buf, &serde_json::to_vec_pretty(&tool)?, b"      ");
        out.write_all(&buf)?;
        out.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
    }
}

/// A code's SARIF rule: id, rationale as description and help, default level.
fn rule(code: Code) -> serde_json::Value {
    let info = crate::lint::rules::info(code);
    serde_json::json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": { "text": info.rationale },
        "fullDescription": { "text": info.rationale },
        "help": {
            "text": format!("{}. See the table of checks in ftlkit's README.", info.rationale),
        },
        "defaultConfiguration": { "level": sarif_level(info.level) },
    })
}

/// A finding's SARIF result, its rule at `index`.
fn result(f: &Finding, index: usize) -> serde_json::Value {
    let mut physical = serde_json::json!({
        "artifactLocation": { "uri": uri(&f.path), "uriBaseId": "%SRCROOT%" },
    });
    if f.line > 0 {
        let mut region = serde_json::json!({ "startLine": f.line });
        if f.column > 0 {
            region["startColumn"] = f.column.into();
        }
        physical["region"] = region;
    }
    let mut result = serde_json::json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": sarif_level(f.severity),
        "message": { "text": f.message },
        "locations": [{ "physicalLocation": physical }],
        "properties": { "locale": f.locale },
    });
    if let Some(id) = &f.id {
        result["properties"]["id"] = id.as_str().into();
        result["partialFingerprints"] = serde_json::json!({
            "ftlkitMessage/v1": format!("{}:{}:{}", f.locale, id, f.code.as_str()),
        });
    }
    result
}

/// A relative path as a URI reference: `/` separators, each segment
/// percent-encoded where URIs need it (spaces, `%`, `#`, `?`, non-ASCII).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(message: &str) -> Finding {
        Finding {
            code: Code::UnknownVariable,
            severity: Severity::Error,
            locale: "ar".into(),
            path: "locales/ar/a b,c.ftl".into(),
            line: 3,
            column: 7,
            id: Some("x".into()),
            message: message.into(),
            previous: None,
            span: 0..0,
        }
    }

    #[test]
    fn github_commands_escape_data_and_properties() {
        let mut out = Vec::new();
        github(&mut out, &[finding("50% of\nit: { $a }")], false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=locales/ar/a b%2Cc.ftl,line=3,col=7,title=ftlkit unknown-variable (ar)::50%25 of%0Ait: { $a }\n"
        );
    }

    #[test]
    fn sarif_results_point_at_their_rule_and_place() {
        let mut out = Vec::new();
        sarif(&mut out, &[finding("m")], false).unwrap();
        let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "unknown-variable");
        let result = &run["results"][0];
        assert_eq!(result["ruleIndex"], 0);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "locales/ar/a%20b%2Cc.ftl"
        );
        assert_eq!(
            result["locations"][0]["physicalLocation"]["region"]["startColumn"],
            7
        );
    }

    /// The log written a result at a time is the one serde_json prints from
    /// the whole tree, byte for byte: with no result, with one, with codes
    /// met in an order (rules by first use), parts of any size, notes left out.
    #[test]
    fn sarif_written_as_it_comes_is_the_whole_log_printed() {
        let oracle = |findings: &[Finding]| {
            let shown: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .collect();
            let mut codes: Vec<Code> = Vec::new();
            for f in &shown {
                if !codes.contains(&f.code) {
                    codes.push(f.code);
                }
            }
            let index = |c| codes.iter().position(|&k| k == c).unwrap();
            let log = serde_json::json!({
                "$schema": SCHEMA,
                "version": "2.1.0",
                "runs": [{
                    "tool": { "driver": {
                        "name": "ftlkit",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "https://projectfluent.org",
                        "rules": codes.iter().map(|&c| rule(c)).collect::<Vec<_>>(),
                    }},
                    "columnKind": "unicodeCodePoints",
                    "results": shown.iter().map(|f| result(f, index(f.code))).collect::<Vec<_>>(),
                }],
            });
            let mut out = Vec::new();
            crate::report::json(&mut out, &log).unwrap();
            out
        };
        let mut note = finding("a note");
        note.severity = Severity::Info;
        let mut other = finding("\"quoted\"\nand two lines");
        other.code = Code::PrintfPlaceholder;
        other.id = None;
        let all = [finding("one"), note, other, finding("two")];
        for findings in [&all[..0], &all[..1], &all[1..2], &all[..]] {
            let mut out = Vec::new();
            sarif(&mut out, findings, false).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(oracle(findings)).unwrap()
            );
            // In parts, as `check --config` hands them.
            let mut out = Vec::new();
            let mut writer = Sarif::new(false);
            for part in findings.chunks(2) {
                writer.part(&mut out, part).unwrap();
            }
            writer.finish(&mut out).unwrap();
            assert_eq!(out, oracle(findings));
        }
    }
}
