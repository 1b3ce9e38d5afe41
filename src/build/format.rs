//! Formatting along a fallback chain, without a disk: a bundle per locale of
//! the chain, each message from the first locale that formats it cleanly, the
//! page strings, and where a message that formatted with errors was found.

use super::load::{LocaleFiles, SourceDoc};
use crate::extract::Origin;
use crate::page_strings::Id;
use crate::project::StaleMode;
use crate::render::{FallbackInfo, PageString, PageText, Piece};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

/// Words per minute used for the reading time.
pub const WORDS_PER_MINUTE: usize = 200;

pub(super) type Bundle<'a> = FluentBundle<&'a FluentResource>;

/// A bundle per locale of the chain, holding its page strings and the document's messages.
pub(super) fn bundles<'a>(chain: &[&'a LocaleFiles], doc: &str) -> Vec<Bundle<'a>> {
    chain
        .iter()
        .map(|lf| {
            let mut bundle = crate::intl::new_bundle(&lf.locale.format_langid);
            if let Some(r) = lf.docs.get(doc) {
                bundle.add_resource_overriding(r);
            }
            if let Some(r) = &lf.page {
                bundle.add_resource_overriding(r);
            }
            bundle
        })
        .collect()
}

/// An error of one bundle of the chain while formatting `id`.
#[derive(Debug)]
pub(super) struct RawError {
    /// The bundle's index in the chain.
    pub bundle: usize,
    pub id: String,
    pub message: String,
    /// Whether a later bundle was shown instead.
    pub fell_back: bool,
}

/// Formats `id` from the first bundle of the chain that has it; returns the
/// text and the index of the bundle used.
pub(super) fn format_first(
    bundles: &[Bundle],
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<RawError>,
) -> Option<(String, usize)> {
    format_from(bundles, 0, id, args, errors)
}

/// Like [`format_first`], starting at bundle `from` of the chain. A message
/// that formats with errors (an unknown `$variable`, a missing reference, a
/// `NUMBER("abc")` the runtime cannot format) would show readers raw
/// `{$name}` or `NUMBER()` text: the next bundle that has the message is
/// used instead, and the errors are recorded.
pub(super) fn format_from(
    bundles: &[Bundle],
    from: usize,
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<RawError>,
) -> Option<(String, usize)> {
    let mut broken: Option<(String, usize)> = None;
    let mut pending: Vec<(usize, String)> = Vec::new();
    let record = |pending: Vec<(usize, String)>, fell_back: bool, errors: &mut Vec<RawError>| {
        errors.extend(pending.into_iter().map(|(bundle, message)| RawError {
            bundle,
            id: id.to_string(),
            message,
            fell_back,
        }));
    };
    for (i, bundle) in bundles.iter().enumerate().skip(from) {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errs = Vec::new();
        crate::intl::take_function_error();
        let text = bundle.format_pattern(pattern, args, &mut errs).into_owned();
        // A NUMBER or DATETIME call that failed is written `NUMBER()` and
        // records no error in the bundle: it is one all the same.
        let failed_call = crate::intl::take_function_error();
        if errs.is_empty() && failed_call.is_none() {
            record(pending, true, errors);
            return Some((text, i));
        }
        pending.extend(errs.into_iter().map(|e| (i, e.to_string())));
        pending.extend(failed_call.map(|m| (i, m)));
        broken.get_or_insert((text, i));
    }
    // No bundle formats it cleanly: the first attempt is the best there is.
    record(pending, false, errors);
    broken
}

/// The arguments of a page string that takes one variable.
fn one_arg<'a>(id: Id, value: impl Into<FluentValue<'a>>) -> FluentArgs<'a> {
    let [name] = id.variables() else {
        unreachable!("{} takes one variable", id.id())
    };
    let mut args = FluentArgs::new();
    args.set(*name, value);
    args
}

/// A page string of one locale alone (the index, the language names).
pub(super) fn page_string(lf: &LocaleFiles, id: Id, arg: Option<FluentValue>) -> Option<String> {
    let bundles = bundles(&[lf], "");
    let args = arg.map(|value| one_arg(id, value));
    format_first(&bundles, id.id(), args.as_ref(), &mut Vec::new()).map(|(t, _)| t)
}

/// The locale a text was taken from when it is not the chain's first.
fn fallback_info(chain: &[&LocaleFiles], from: usize) -> Option<FallbackInfo> {
    (from != 0).then(|| {
        let l = chain
            .get(from)
            .map_or(&chain[chain.len() - 1].locale, |f| &f.locale);
        FallbackInfo {
            lang: l.id.clone(),
            dir: l.direction,
        }
    })
}

/// The document's units formatted along the chain.
pub(super) struct Units {
    pub blocks: Vec<Piece>,
    /// Translated front-matter fields (key, text).
    pub meta: Vec<(String, String)>,
    /// Units the chain's first locale itself translated.
    pub translated: usize,
    /// Units whose translation in the chain's first locale is stale, whatever
    /// the page shows for them (its `stale` mode).
    pub stale: usize,
}

/// Formats every unit of `doc`. A unit the first locale has stale is shown
/// as its `stale` mode says: from the next locale (`english`, or with
/// `require-review`), or its own with the English beside it (`note`) or
/// alone (`show`); one it has not reviewed under `require-review` starts at
/// the next locale.
pub(super) fn units(
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    bundles: &[Bundle],
    errors: &mut Vec<RawError>,
) -> Units {
    let mut out = Units {
        blocks: Vec::with_capacity(doc.loaded.doc.blocks.len()),
        meta: Vec::new(),
        translated: 0,
        stale: 0,
    };
    let locale = &chain[0].locale;
    let stale = chain[0].stale.get(&doc.loaded.name);
    let unreviewed = chain[0].unreviewed.get(&doc.loaded.name);
    for unit in &doc.units {
        let is_stale = stale.is_some_and(|s| s.contains(&unit.id));
        out.stale += usize::from(is_stale);
        let withheld = unreviewed.is_some_and(|s| s.contains(&unit.id))
            || (is_stale && (locale.stale == StaleMode::English || locale.require_review));
        let (text, from) = format_from(bundles, usize::from(withheld), &unit.id, None, errors)
            .unwrap_or_else(|| (unit.text.clone(), chain.len()));
        if from == 0 {
            out.translated += 1;
        }
        let fallback = fallback_info(chain, from);
        // The English beside the old translation (`note`): the source's block.
        let note = is_stale && from == 0 && locale.stale == StaleMode::Note;
        let stale = note.then(|| unit.text.clone());
        match &unit.origin {
            Origin::Block(_) => out.blocks.push(Piece {
                text,
                fallback,
                stale,
            }),
            Origin::Meta(key) => out.meta.push((key.clone(), text)),
        }
    }
    out
}

/// The page strings of a document's page; the switcher's label apart.
pub(super) fn page_text(
    doc: &SourceDoc,
    meta: &[(String, String)],
    chain: &[&LocaleFiles],
    bundles: &[Bundle],
    errors: &mut Vec<RawError>,
) -> (PageText, String) {
    // A page string from another locale of the chain is marked with it.
    let string_of = |found: Option<(String, usize)>| {
        found.map_or_else(PageString::default, |(text, from)| PageString {
            text,
            fallback: fallback_info(chain, from),
        })
    };
    let mut page = PageText::default();
    for (key, id) in [("author", Id::WrittenBy), ("editor", Id::EditedBy)] {
        if let Some((_, value)) = meta.iter().find(|(k, _)| k == key) {
            let args = one_arg(id, value.clone());
            if let Some(found) = format_first(bundles, id.id(), Some(&args), errors) {
                page.byline.push(string_of(Some(found)));
            }
        }
    }
    let minutes = (doc.words as f64 / WORDS_PER_MINUTE as f64)
        .round()
        .max(1.0);
    let args = one_arg(Id::ReadingTime, minutes);
    let reading_time = format_first(bundles, Id::ReadingTime.id(), Some(&args), errors);
    page.reading_time = string_of(reading_time);
    // A project whose page strings predate the note gets ftlkit's own.
    page.stale_note = match format_first(bundles, Id::StaleNote.id(), None, errors) {
        Some(found) => string_of(Some(found)),
        None => PageString {
            text: crate::page_strings::STALE_NOTE.to_string(),
            fallback: Some(FallbackInfo {
                lang: "en".into(),
                dir: crate::locale::Direction::Ltr,
            }),
        },
    };
    let mut plain = |id: Id| {
        format_first(bundles, id.id(), None, errors)
            .map(|(t, _)| t)
            .unwrap_or_default()
    };
    page.untranslated_note = plain(Id::UntranslatedNote);
    // The chain ends with the source locale: a stale block's English is its.
    page.source = chain.last().map(|lf| FallbackInfo {
        lang: lf.locale.id.clone(),
        dir: lf.locale.direction,
    });
    page.alert_titles = [
        Id::AlertNote,
        Id::AlertTip,
        Id::AlertImportant,
        Id::AlertWarning,
        Id::AlertCaution,
    ]
    .map(&mut plain);
    let switcher_label = plain(Id::LanguageSwitcher);
    (page, switcher_label)
}

/// A message that formatted with errors while a page was rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatError {
    /// The locale whose file holds the message.
    pub locale: String,
    /// The file's name without `.ftl`: the document's, or `page`.
    pub file: String,
    /// 1-based line of the message in that file (0 when unknown).
    pub line: usize,
    pub id: String,
    pub message: String,
    /// Whether a later locale of the chain was shown instead.
    pub fell_back: bool,
}

/// Where the chain's bundle got the message from: page strings override the document's.
pub(super) fn locate(chain: &[&LocaleFiles], doc: &str, error: &RawError) -> FormatError {
    let RawError {
        bundle,
        id,
        message,
        fell_back,
    } = error;
    let (bundle, fell_back) = (*bundle, *fell_back);
    let lf = chain[bundle];
    let in_page = lf.page.as_deref().filter(|r| message_line(r, id).is_some());
    let (file, resource) = match in_page {
        Some(r) => ("page".to_string(), Some(r)),
        None => (doc.to_string(), lf.docs.get(doc)),
    };
    FormatError {
        locale: lf.locale.id.clone(),
        file,
        line: resource.and_then(|r| message_line(r, id)).unwrap_or(0),
        id: id.clone(),
        message: message.clone(),
        fell_back,
    }
}

/// The 1-based line of the first message `id` in the resource.
fn message_line(resource: &FluentResource, id: &str) -> Option<usize> {
    let source = resource.source();
    resource
        .entries()
        .find(|e| matches!(e, fluent_syntax::ast::Entry::Message(m) if m.id.name == id))
        .map(|e| crate::ftl::line_column(source, crate::ftl::load::entry_offset(source, e)).0)
}
