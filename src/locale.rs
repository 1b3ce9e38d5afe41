//! Locale ids: validated as BCP 47 with unic-langid before they are ever used as a
//! path, their text direction, and their fallback chains.

use serde::{Deserialize, Serialize};
use unic_langid::{CharacterDirection, LanguageIdentifier};

/// Text direction of a locale, as written in `<html dir>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// The direction CLDR data in unic-langid gives for the locale's language.
    pub fn of(langid: &LanguageIdentifier) -> Direction {
        match langid.character_direction() {
            CharacterDirection::RTL => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

/// Parses a locale id and checks that it is safe to use as a directory name:
/// well-formed BCP 47, written in canonical case, and not a device name that some
/// systems reserve. The error text says what to write instead.
pub fn parse_locale(id: &str) -> Result<LanguageIdentifier, String> {
    if id.is_empty() {
        return Err("a locale id cannot be empty".into());
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "`{}` is not a BCP 47 locale id: use letters, digits and `-` only (for example `ar-IQ`)",
            id.escape_debug()
        ));
    }
    let langid: LanguageIdentifier = id.parse().map_err(|_| {
        format!("`{id}` is not a valid BCP 47 locale id (for example `en-US`, `ar`, `ckb`)")
    })?;
    let canonical = langid.to_string();
    if canonical != id {
        return Err(format!("write the locale id `{id}` as `{canonical}`"));
    }
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    if RESERVED.contains(&langid.language.as_str()) && langid.region.is_none() {
        return Err(format!(
            "`{id}` is a reserved device name on Windows and cannot be a locale folder"
        ));
    }
    Ok(langid)
}

/// A locale code of a Mozilla `l10n.toml` (compare-locales' `locales`), which is
/// a folder name first: a canonical BCP 47 id, or a code Mozilla uses that is
/// not one (`ja-JP-mac`, Firefox's Japanese for macOS) when it is still a safe
/// path segment: ASCII letters and digits in `-`-separated parts, starting with
/// a language of two or three letters, not a reserved device name. The error
/// says what is wrong.
pub fn check_folder_locale(id: &str) -> Result<(), String> {
    let Err(strict) = parse_locale(id) else {
        return Ok(());
    };
    // A BCP 47 id in another case or order is still an error, with its spelling.
    if strict.starts_with("write the locale id") || strict.contains("reserved device name") {
        return Err(strict);
    }
    let mut parts = id.split('-');
    let language = parts.next().unwrap_or("");
    let safe = (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if safe {
        Ok(())
    } else {
        Err(format!(
            "{strict}; as a folder name, a locale code needs a language of 2–3 lowercase letters \
             and parts of ASCII letters and digits separated by `-` (for example `ja-JP-mac`)"
        ))
    }
}

/// The language of a locale code for its CLDR data (plural rules, direction):
/// the code itself, or its longest leading part that is BCP 47 (`ja-JP-mac` →
/// `ja-JP`); the undetermined language when none is.
pub fn language_of(id: &str) -> LanguageIdentifier {
    let mut end = id.len();
    loop {
        if let Ok(langid) = id[..end].parse() {
            return langid;
        }
        match id[..end].rfind('-') {
            Some(dash) => end = dash,
            None => return LanguageIdentifier::default(),
        }
    }
}

/// The Open Graph form of a locale (`og:locale`): language and region joined
/// by an underscore (`ar_IQ`, `en_US`), the language alone when it has no
/// region (`ckb`, `fr`).
pub fn og_locale(locale: &LanguageIdentifier) -> String {
    match locale.region {
        Some(region) => format!("{}_{}", locale.language, region),
        None => locale.language.to_string(),
    }
}

/// Whether a locale is a pseudo-locale: CLDR's `en-XA` (accented) and
/// `ar-XB` (right-to-left), private-use regions no real locale has.
pub fn is_pseudo(locale: &LanguageIdentifier) -> bool {
    locale
        .region
        .is_some_and(|r| matches!(r.as_str(), "XA" | "XB"))
}

/// The locales to try, in order, for a block of `locale`: itself, then the
/// available locales it negotiates down to (e.g. `ar-IQ` → `ar`), then the source.
pub fn fallback_chain(
    locale: &LanguageIdentifier,
    available: &[LanguageIdentifier],
    source: &LanguageIdentifier,
) -> Vec<LanguageIdentifier> {
    use fluent_langneg::{negotiate_languages, NegotiationStrategy};
    let requested = [locale.clone()];
    // A pseudo-locale is never a real locale's fallback: `ar-XB`'s
    // upside-down text is for testing layouts, not for Arabic readers.
    let available: Vec<LanguageIdentifier> = available
        .iter()
        .filter(|l| !is_pseudo(l) || *l == locale)
        .cloned()
        .collect();
    let mut chain: Vec<LanguageIdentifier> = negotiate_languages(
        &requested,
        &available,
        Some(source),
        NegotiationStrategy::Filtering,
    )
    .into_iter()
    .cloned()
    .collect();
    // Filtering puts the locale itself first when available; make sure it leads
    // even when it is not in `available` (a locale being built always tries itself).
    chain.retain(|l| l != locale);
    chain.insert(0, locale.clone());
    chain.dedup();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_and_bad_ids() {
        for bad in [
            "",
            "../../etc",
            "ar/../x",
            "a\0b",
            "ar\\x",
            "CON",
            "en_US",
            "e",
        ] {
            assert!(parse_locale(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            parse_locale("en-us").unwrap_err(),
            "write the locale id `en-us` as `en-US`"
        );
        assert!(parse_locale("ckb").is_ok());
        assert!(parse_locale("ar-IQ").is_ok());
    }

    #[test]
    fn direction_from_language() {
        for (id, dir) in [
            ("ar", Direction::Rtl),
            ("ckb", Direction::Rtl),
            ("fr", Direction::Ltr),
            ("en-US", Direction::Ltr),
        ] {
            assert_eq!(Direction::of(&id.parse().unwrap()), dir, "{id}");
        }
    }

    #[test]
    fn chain_goes_through_parent_to_source() {
        let l = |s: &str| s.parse::<LanguageIdentifier>().unwrap();
        let available = [l("en-US"), l("ar"), l("fr")];
        let chain = fallback_chain(&l("ar-IQ"), &available, &l("en-US"));
        assert_eq!(chain, vec![l("ar-IQ"), l("ar"), l("en-US")]);
        let chain = fallback_chain(&l("fr"), &available, &l("en-US"));
        assert_eq!(chain, vec![l("fr"), l("en-US")]);
    }

    #[test]
    fn pseudo_locales_are_no_real_locales_fallback() {
        let l = |s: &str| s.parse::<LanguageIdentifier>().unwrap();
        let available = [l("en-US"), l("ar"), l("ar-XB"), l("en-XA")];
        let chain = fallback_chain(&l("ar"), &available, &l("en-US"));
        assert_eq!(chain, vec![l("ar"), l("en-US")]);
        let chain = fallback_chain(&l("ar-IQ"), &available, &l("en-US"));
        assert_eq!(chain, vec![l("ar-IQ"), l("ar"), l("en-US")]);
        // A pseudo-locale itself still falls back to the source.
        let chain = fallback_chain(&l("ar-XB"), &available, &l("en-US"));
        assert_eq!(chain[0], l("ar-XB"));
        assert_eq!(chain.last(), Some(&l("en-US")));
    }
}
