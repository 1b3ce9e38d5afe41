//! Typed reading of TOML values with their spans: every error names the key
//! (`paths[2].l10n`) and points at the line and column of the value.

use super::matcher::Matcher;
use super::pattern::{Node, PatError};
use crate::error::{Error, Result};
use crate::locale::check_folder_locale;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub(super) struct Source<'a> {
    pub(super) path: &'a str,
    pub(super) text: &'a str,
}

impl Source<'_> {
    pub(super) fn error(
        &self,
        span: Range<usize>,
        key: &str,
        message: impl std::fmt::Display,
    ) -> Error {
        let (line, column) = crate::ftl::line_column(self.text, span.start);
        Error::At {
            path: PathBuf::from(self.path),
            line,
            column,
            message: format!("`{key}`: {message}"),
        }
    }

    pub(super) fn string<'v>(&self, value: &'v Spanned<DeValue<'_>>, key: &str) -> Result<&'v str> {
        value.get_ref().as_str().ok_or_else(|| {
            self.error(
                value.span(),
                key,
                format!("expected a string, found {}", value.get_ref().type_str()),
            )
        })
    }

    /// A string or an array of strings, each with its key for messages.
    pub(super) fn strings<'v>(
        &self,
        value: &'v Spanned<DeValue<'_>>,
        key: &str,
        allow_single: bool,
    ) -> Result<Vec<(String, &'v str, Range<usize>)>> {
        match value.get_ref() {
            DeValue::String(s) if allow_single => {
                Ok(vec![(key.to_string(), s.as_ref(), value.span())])
            }
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let key = format!("{key}[{i}]");
                    let s = self.string(item, &key)?;
                    Ok((key, s, item.span()))
                })
                .collect(),
            other => Err(self.error(
                value.span(),
                key,
                format!(
                    "expected {}an array of strings, found {}",
                    if allow_single { "a string or " } else { "" },
                    other.type_str()
                ),
            )),
        }
    }

    pub(super) fn locales(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Vec<String>> {
        self.strings(value, key, false)?
            .into_iter()
            .map(|(key, id, span)| {
                check_folder_locale(id).map_err(|m| self.error(span, &key, m))?;
                Ok(id.to_string())
            })
            .collect()
    }

    pub(super) fn table<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Result<&'v DeTable<'i>> {
        value.get_ref().as_table().ok_or_else(|| {
            self.error(
                value.span(),
                key,
                format!("expected a table, found {}", value.get_ref().type_str()),
            )
        })
    }

    /// `[[key]]` entries, each checked for unknown keys.
    pub(super) fn tables<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
        known: &[&str],
    ) -> Result<Vec<(String, &'v DeTable<'i>, Range<usize>)>> {
        let Some(items) = value.get_ref().as_array() else {
            return Err(self.error(
                value.span(),
                key,
                format!(
                    "expected an array of tables ([[{key}]]), found {}",
                    value.get_ref().type_str()
                ),
            ));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let key = format!("{key}[{i}]");
                let table = self.table(item, &key)?;
                self.known_keys(table, &key, known)?;
                Ok((key, table, item.span()))
            })
            .collect()
    }

    pub(super) fn known_keys(
        &self,
        table: &DeTable<'_>,
        prefix: &str,
        known: &[&str],
    ) -> Result<()> {
        for (k, _) in table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                let key = if prefix.is_empty() {
                    k.get_ref().to_string()
                } else {
                    format!("{prefix}.{}", k.get_ref())
                };
                let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                return Err(self.error(
                    k.span(),
                    &key,
                    format!("unknown key (expected {})", expected.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// A path pattern, checked the way compare-locales would use it.
    pub(super) fn matcher(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        env: &BTreeMap<String, String>,
        root: &str,
        with_locale: bool,
    ) -> Result<Matcher> {
        let text = self.string(value, key)?;
        let matcher = Matcher::new(text, env, Some(root));
        if matches!(
            matcher.pattern.nodes.first(),
            Some(Node::Star(_) | Node::Starstar(..))
        ) {
            return Err(self.error(value.span(), key, format!("`{text}`: {}", PatError::Empty)));
        }
        let probe = if with_locale {
            matcher.with_env(&[("locale", "en-US")])
        } else {
            matcher.clone()
        };
        if let Err(e) = probe
            .compiled()
            .map(|_| ())
            .and_then(|_| probe.prefix().map(|_| ()))
        {
            return Err(self.error(value.span(), key, format!("`{text}`: {e}")));
        }
        Ok(matcher)
    }
}
