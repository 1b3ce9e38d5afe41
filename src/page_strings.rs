//! The page strings (`page.ftl`): the ids `build` formats around each document
//! and the variables it gives each. One list, so that the build and the check
//! of the English page strings (`lint`: a variable the build does not give
//! would show readers a raw `{$name}`) cannot drift apart.

/// The page strings a project without its own `page.ftl` gets (English; see
/// [`built_in`]).
const BUILT_IN: &str = include_str!("page_strings.ftl");

/// The built-in English `page-stale-note`: what a stale block's note says in a
/// project whose page strings have none (they predate it).
pub const STALE_NOTE: &str =
    "This part may be out of date: the original has changed since it was translated.";

/// The built-in English page strings, the language's name being
/// `language_name` (the source locale's, from CLDR): what `extract` writes
/// for a project that has no `page.ftl`, and what the build shows when the
/// source locale has none.
pub fn built_in(language_name: &str) -> String {
    BUILT_IN.replacen(
        "page-language-name = English\n",
        &format!("page-language-name = {language_name}\n"),
        1,
    )
}

/// A page string the build formats (its formatted text is render's `PageString`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Id {
    /// "Written by { $author }", from the document's `author` field.
    WrittenBy,
    /// "Edited by { $editor }", from the document's `editor` field.
    EditedBy,
    /// "{ $minutes } min read".
    ReadingTime,
    /// The index's "available in { $count } languages".
    IndexLanguages,
    /// The locale's name in its own script, in the switcher and the index.
    LanguageName,
    /// The label of the language switcher.
    LanguageSwitcher,
    /// The note over a run of blocks shown in a fallback language.
    UntranslatedNote,
    /// The note on a block shown in an outdated translation (`[build] stale = "note"`).
    StaleNote,
    /// The index page's title.
    IndexTitle,
    /// The titles of GitHub alerts (`> [!NOTE]` …), in the reader's language.
    AlertNote,
    AlertTip,
    AlertImportant,
    AlertWarning,
    AlertCaution,
    /// The label of the link to the locale's index and of a book's table of contents.
    Contents,
    /// The label of the link to the previous page.
    Previous,
    /// The label of the link to the next page.
    Next,
}

impl Id {
    /// Every page string, in the order `page.ftl` lists them.
    pub const ALL: [Id; 17] = [
        Id::WrittenBy,
        Id::EditedBy,
        Id::ReadingTime,
        Id::IndexLanguages,
        Id::LanguageName,
        Id::LanguageSwitcher,
        Id::UntranslatedNote,
        Id::StaleNote,
        Id::IndexTitle,
        Id::AlertNote,
        Id::AlertTip,
        Id::AlertImportant,
        Id::AlertWarning,
        Id::AlertCaution,
        Id::Contents,
        Id::Previous,
        Id::Next,
    ];

    /// The message id in `page.ftl`.
    pub const fn id(self) -> &'static str {
        match self {
            Id::WrittenBy => "page-written-by",
            Id::EditedBy => "page-edited-by",
            Id::ReadingTime => "page-reading-time",
            Id::IndexLanguages => "page-index-languages",
            Id::LanguageName => "page-language-name",
            Id::LanguageSwitcher => "page-language-switcher",
            Id::UntranslatedNote => "page-untranslated-note",
            Id::StaleNote => "page-stale-note",
            Id::IndexTitle => "page-index-title",
            Id::AlertNote => "page-alert-note",
            Id::AlertTip => "page-alert-tip",
            Id::AlertImportant => "page-alert-important",
            Id::AlertWarning => "page-alert-warning",
            Id::AlertCaution => "page-alert-caution",
            Id::Contents => "page-contents",
            Id::Previous => "page-previous",
            Id::Next => "page-next",
        }
    }

    /// The variables the build gives the message.
    pub const fn variables(self) -> &'static [&'static str] {
        match self {
            Id::WrittenBy => &["author"],
            Id::EditedBy => &["editor"],
            Id::ReadingTime => &["minutes"],
            Id::IndexLanguages => &["count"],
            _ => &[],
        }
    }

    /// The page string with this message id, if it is one.
    pub fn from_id(id: &str) -> Option<Id> {
        Id::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// The variables the build gives the page string `id`; `None` when `id` is not
/// a page string.
pub fn variables_of(id: &str) -> Option<&'static [&'static str]> {
    Id::from_id(id).map(Id::variables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_page_ids_and_round_trip() {
        for p in Id::ALL {
            assert!(p.id().starts_with("page-"), "{}", p.id());
            assert_eq!(Id::from_id(p.id()), Some(p));
        }
        assert_eq!(variables_of("page-reading-time"), Some(&["minutes"][..]));
        assert_eq!(variables_of("page-title"), None);
    }

    #[test]
    fn the_built_in_strings_are_every_page_string_with_the_variables_the_build_gives() {
        let text = built_in("العربية");
        let resource = fluent_syntax::parser::parse(text.as_str()).expect("valid Fluent");
        let ids: Vec<&str> = resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                _ => None,
            })
            .collect();
        for p in Id::ALL {
            assert!(ids.contains(&p.id()), "{}", p.id());
        }
        assert!(text.contains("page-language-name = العربية\n"));
        assert!(text.contains(&format!("page-stale-note = {STALE_NOTE}\n")));
    }
}
