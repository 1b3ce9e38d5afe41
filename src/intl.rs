//! ICU4X behind Fluent: CLDR plural categories, locale-aware numbers (digits,
//! grouping) and dates, and the `NUMBER`/`DATETIME` functions a bundle gets.
//!
//! fluent-bundle prints numbers with ASCII digits in every locale and has no
//! `DATETIME`; here every number a bundle shows goes through ICU4X's
//! `DecimalFormatter` (via the bundle's formatter hook), so an Iraqi Arabic page
//! shows ٦ and a French one groups thousands with a narrow no-break space.

use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use icu::calendar::Date;
use icu::datetime::fieldsets::{YMD, YMDE};
use icu::datetime::DateTimeFormatter;
use icu::decimal::input::Decimal;
use icu::decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu::decimal::DecimalFormatter;
use icu::locale::Locale as IcuLocale;
use icu::plurals::{PluralCategory, PluralRules};
use std::borrow::Borrow;
use unic_langid::LanguageIdentifier;

fn icu_locale(langid: &LanguageIdentifier) -> IcuLocale {
    IcuLocale::try_from_str(&langid.to_string()).unwrap_or(IcuLocale::UNKNOWN)
}

/// The CLDR cardinal plural categories of a locale, as Fluent variant keys
/// (`zero`, `one`, `two`, `few`, `many`, `other`), in that order.
pub fn plural_categories(langid: &LanguageIdentifier) -> Vec<&'static str> {
    let Ok(rules) = PluralRules::try_new_cardinal(icu_locale(langid).into()) else {
        return vec!["other"];
    };
    let present: Vec<PluralCategory> = rules.categories().collect();
    [
        (PluralCategory::Zero, "zero"),
        (PluralCategory::One, "one"),
        (PluralCategory::Two, "two"),
        (PluralCategory::Few, "few"),
        (PluralCategory::Many, "many"),
        (PluralCategory::Other, "other"),
    ]
    .into_iter()
    .filter(|(c, _)| present.contains(c))
    .map(|(_, name)| name)
    .collect()
}

/// The CLDR plural category ICU4X gives `n` in `langid`.
pub fn plural_category(langid: &LanguageIdentifier, n: u64) -> &'static str {
    match PluralRules::try_new_cardinal(icu_locale(langid).into()).map(|r| r.category_for(n)) {
        Ok(PluralCategory::Zero) => "zero",
        Ok(PluralCategory::One) => "one",
        Ok(PluralCategory::Two) => "two",
        Ok(PluralCategory::Few) => "few",
        Ok(PluralCategory::Many) => "many",
        _ => "other",
    }
}

/// Locale-aware number formatting, built once per bundle (memoized by the
/// bundle's `IntlLangMemoizer`).
pub struct NumberFormat {
    grouped: DecimalFormatter,
    ungrouped: DecimalFormatter,
}

impl NumberFormat {
    pub fn new(langid: &LanguageIdentifier) -> Result<Self, String> {
        let make = |grouping| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(grouping);
            DecimalFormatter::try_new(icu_locale(langid).into(), options).map_err(|e| e.to_string())
        };
        Ok(NumberFormat {
            grouped: make(GroupingStrategy::Auto)?,
            ungrouped: make(GroupingStrategy::Never)?,
        })
    }

    /// Formats a Fluent number honouring its fraction, integer-digit and
    /// grouping options.
    pub fn format(&self, number: &FluentNumber) -> String {
        let options = &number.options;
        // Rust prints an f64 as the shortest text that reads back the same.
        let Ok(mut decimal) = number.value.to_string().parse::<Decimal>() else {
            return number.value.to_string();
        };
        if let Some(max) = options.maximum_fraction_digits {
            decimal.round(-(max.min(100) as i16));
        }
        if let Some(min) = options.minimum_fraction_digits {
            decimal.pad_end(-(min.min(100) as i16));
        }
        if let Some(min) = options.minimum_integer_digits {
            decimal.pad_start(min.min(100) as i16);
        }
        let formatter = if options.use_grouping {
            &self.grouped
        } else {
            &self.ungrouped
        };
        formatter.format(&decimal).to_string()
    }
}

impl intl_memoizer::Memoizable for NumberFormat {
    type Args = ();
    type Error = String;
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, String> {
        NumberFormat::new(&lang)
    }
}

/// The digits zero to nine of the locale's default numbering system, as
/// ICU4X formats them (`ar-IQ`, `ckb`: Arabic-Indic ٠…٩; `fa`: ۰…۹); `None`
/// when they are the Latin 0…9 (nothing to change).
pub fn digits(langid: &LanguageIdentifier) -> Option<[char; 10]> {
    let formatter = DecimalFormatter::try_new(
        icu_locale(langid).into(),
        DecimalFormatterOptions::default(),
    )
    .ok()?;
    let mut out = ['0'; 10];
    for (d, slot) in out.iter_mut().enumerate() {
        let decimal: Decimal = d.to_string().parse().ok()?;
        *slot = formatter.format(&decimal).to_string().chars().next()?;
    }
    (out != ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).then_some(out)
}

/// `text` with its ASCII digits written in `digits`.
pub fn with_digits(text: &str, digits: Option<&[char; 10]>) -> String {
    match digits {
        None => text.to_string(),
        Some(d) => text
            .chars()
            .map(|c| c.to_digit(10).map_or(c, |n| d[n as usize]))
            .collect(),
    }
}

/// The CSS `list-style-type` that counts in `digits` (`arabic-indic`,
/// `persian`), for ordered lists; `None` for digits CSS has no name for.
pub fn list_style(digits: &[char; 10]) -> Option<&'static str> {
    match digits[0] {
        '\u{0660}' => Some("arabic-indic"),
        '\u{06F0}' => Some("persian"),
        '\u{0966}' => Some("devanagari"),
        '\u{09E6}' => Some("bengali"),
        _ => None,
    }
}

/// The bundle formatter hook: every number placeable goes through ICU4X.
fn format_value(value: &FluentValue, memoizer: &intl_memoizer::IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(n) => memoizer
            .with_try_get::<NumberFormat, _, _>((), |f| f.format(n))
            .ok(),
        _ => None,
    }
}

/// The date of an ISO text (`YYYY-MM-DD`, anything after the day ignored).
fn iso_date(iso: &str) -> Option<Date<icu::calendar::Iso>> {
    let mut parts = iso.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.get(..2)?.parse().ok()?;
    Date::try_new_iso(year, month, day).ok()
}

/// Formats an ISO date (`YYYY-MM-DD`) for `langid`; `style` is `full`, `long`
/// (default), `medium` or `short`.
pub fn format_date(langid: &LanguageIdentifier, iso: &str, style: &str) -> Option<String> {
    let date = iso_date(iso)?;
    let prefs = icu_locale(langid).into();
    let text = match style {
        "full" => DateTimeFormatter::try_new(prefs, YMDE::long())
            .ok()?
            .format(&date)
            .to_string(),
        "medium" => DateTimeFormatter::try_new(prefs, YMD::medium())
            .ok()?
            .format(&date)
            .to_string(),
        "short" => DateTimeFormatter::try_new(prefs, YMD::short())
            .ok()?
            .format(&date)
            .to_string(),
        _ => DateTimeFormatter::try_new(prefs, YMD::long())
            .ok()?
            .format(&date)
            .to_string(),
    };
    Some(text)
}

/// Why `NUMBER` or `DATETIME` cannot format this first argument (`None`: no
/// argument), or `None` when it can (or the function is not one of them).
/// The bundle's functions and `check` (on literal arguments) both ask this.
pub fn argument_error(function: &str, argument: Option<&FluentValue>) -> Option<String> {
    match (function, argument) {
        ("NUMBER", Some(FluentValue::Number(_))) => None,
        ("NUMBER", Some(FluentValue::String(s))) => s.parse::<f64>().is_err().then(|| {
            format!("NUMBER(\"{s}\"): not a number; write it with ASCII digits (NUMBER(\"3.5\")) or pass a variable")
        }),
        ("DATETIME", Some(FluentValue::String(s))) => iso_date(s).is_none().then(|| {
            format!("DATETIME(\"{s}\"): not a date; write it as YYYY-MM-DD (DATETIME(\"2011-12-31\"))")
        }),
        ("DATETIME", Some(FluentValue::Number(_))) => {
            Some("DATETIME() takes a date as YYYY-MM-DD text, not a number".into())
        }
        ("NUMBER" | "DATETIME", Some(_)) => Some(format!("{function}() cannot format this argument")),
        ("NUMBER" | "DATETIME", None) => Some(format!("{function}() needs an argument")),
        _ => None,
    }
}

thread_local! {
    /// Why the last `NUMBER`/`DATETIME` call on this thread failed: the bundle
    /// writes a failed call as `NUMBER()` and records no error of its own.
    static FUNCTION_ERROR: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The first `NUMBER`/`DATETIME` call that failed on this thread since the last
/// call of this function (formatting is synchronous: call it before and after
/// formatting a pattern to learn whether a call in it failed).
pub fn take_function_error() -> Option<String> {
    FUNCTION_ERROR.with(|cell| cell.borrow_mut().take())
}

fn failed<'a>(message: String) -> FluentValue<'a> {
    FUNCTION_ERROR.with(|cell| {
        cell.borrow_mut().get_or_insert(message);
    });
    FluentValue::Error
}

/// A bundle for `langid` with ICU4X numbers, `NUMBER` and `DATETIME`.
pub fn new_bundle<R: Borrow<FluentResource>>(langid: &LanguageIdentifier) -> FluentBundle<R> {
    let mut bundle = FluentBundle::new(vec![langid.clone()]);
    bundle.set_formatter(Some(format_value));
    // Both names are free in a new bundle, so adding them cannot fail.
    let _ = bundle.add_function("NUMBER", |positional, named| {
        number_function(positional, named)
    });
    let date_locale = langid.clone();
    let _ = bundle.add_function("DATETIME", move |positional, named| {
        let style = match named.get("dateStyle") {
            Some(FluentValue::String(s)) => s.to_string(),
            _ => "long".to_string(),
        };
        let text = match positional.first() {
            Some(FluentValue::String(s)) => format_date(&date_locale, s, &style),
            _ => None,
        };
        match text {
            Some(t) => FluentValue::String(t.into()),
            None => failed(
                argument_error("DATETIME", positional.first())
                    .unwrap_or_else(|| "DATETIME() cannot format this date".into()),
            ),
        }
    });
    bundle
}

/// `NUMBER($n, minimumFractionDigits: 2, useGrouping: "false")`: keeps the value a
/// number (so it still selects plural variants) with the options merged in; the
/// formatter hook then formats it for the locale.
fn number_function<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let number = match positional.first() {
        Some(FluentValue::Number(n)) => n.clone(),
        Some(FluentValue::String(s)) => match s.parse::<f64>() {
            Ok(v) => FluentNumber::new(v, FluentNumberOptions::default()),
            Err(_) => {
                return failed(argument_error("NUMBER", positional.first()).unwrap_or_default())
            }
        },
        other => return failed(argument_error("NUMBER", other).unwrap_or_default()),
    };
    let mut number = number;
    number.options.merge(named);
    FluentValue::Number(number)
}

/// The name of a locale's language in that language, from CLDR (`العربية`,
/// `Français`, `کوردیی ناوەندی`): the name a language switcher shows it by.
/// The first letter is upper-cased, as CLDR asks for names in a menu. `None`
/// when CLDR has no name for the language (a rare language, a private-use
/// code), rather than a name made of codes.
pub fn language_autonym(langid: &LanguageIdentifier) -> Option<String> {
    use icu_locale::names::{
        DisplayNamesPreferences, LanguageIdentifierDisplayName,
        LanguageIdentifierDisplayNameOptions,
    };
    use writeable::TryWriteable;
    let locale = icu_locale(langid);
    if locale == IcuLocale::UNKNOWN {
        return None;
    }
    // The language alone, then with its script: a region (`ar-IQ`) is not
    // part of the language's name in the switcher.
    let mut subject = locale.id.clone();
    subject.region = None;
    subject.variants = Default::default();
    let name = LanguageIdentifierDisplayName::try_new_light(
        DisplayNamesPreferences::from(&locale),
        subject,
        LanguageIdentifierDisplayNameOptions::default(),
    )
    .ok()?;
    let text = name.as_borrowed().try_write_to_string().ok()?.into_owned();
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The English name CLDR gives a language subtag (`ar` → `Arabic`), `None`
/// when CLDR has no name for it.
fn english_language_name(language: &str) -> Option<String> {
    use icu_locale::names::{
        DisplayNamesPreferences, LanguageIdentifierDisplayName,
        LanguageIdentifierDisplayNameOptions,
    };
    use writeable::TryWriteable;
    let subject = icu::locale::LanguageIdentifier::try_from_str(language).ok()?;
    let english = icu::locale::locale!("en");
    let name = LanguageIdentifierDisplayName::try_new_heavy(
        DisplayNamesPreferences::from(&english),
        subject,
        LanguageIdentifierDisplayNameOptions::default(),
    )
    .ok()?;
    name.as_borrowed()
        .try_write_to_string()
        .ok()
        .map(|t| t.into_owned())
}

/// Checks that CLDR knows a locale's language (`ar`, `ckb`, `pt` of `pt-BR`),
/// or that it is a private-use language (`qaa`–`qtz`): `arabic` is a
/// well-formed BCP 47 id, but no language, and its pages would be neither
/// named nor right-to-left. The error says which code was probably meant.
pub fn check_known_language(langid: &LanguageIdentifier) -> Result<(), String> {
    let language = langid.language.as_str();
    let private_use = language.len() == 3 && ("qaa"..="qtz").contains(&language);
    if private_use || english_language_name(language).is_some() {
        return Ok(());
    }
    let hint = match language_code_named(language) {
        Some((code, name)) => format!("did you mean `{code}` ({name})?"),
        None => "give a BCP 47 locale id such as `ar`, `fr` or `pt-BR`".to_string(),
    };
    Err(format!(
        "`{langid}`: CLDR knows no language `{language}`: {hint} \
         (a private-use language `qaa`–`qtz` is accepted too)"
    ))
}

/// The two- or three-letter language code whose English name is `word`
/// (`arabic` → `ar`, `Arabic`), or begins with it (`kurd` → `ku`, `Kurdish`).
fn language_code_named(word: &str) -> Option<(String, String)> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let letters = || b'a'..=b'z';
    let two = letters().flat_map(|a| letters().map(move |b| vec![a, b]));
    let three =
        letters().flat_map(|a| letters().flat_map(move |b| letters().map(move |c| vec![a, b, c])));
    let named: Vec<(String, String)> = two
        .chain(three)
        .filter_map(|code| {
            let code = String::from_utf8(code).ok()?;
            let name = english_language_name(&code)?;
            Some((code, name))
        })
        .collect();
    let exact = named.iter().find(|(_, name)| name.to_lowercase() == word);
    exact
        .or_else(|| {
            named
                .iter()
                .find(|(_, name)| name.to_lowercase().starts_with(&word))
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> LanguageIdentifier {
        s.parse().unwrap()
    }

    #[test]
    fn cldr_categories() {
        assert_eq!(
            plural_categories(&l("ar")),
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(plural_categories(&l("fr")), ["one", "many", "other"]);
        assert_eq!(plural_categories(&l("ckb")), ["one", "other"]);
        assert_eq!(plural_categories(&l("en-US")), ["one", "other"]);
    }

    #[test]
    fn digits_and_grouping() {
        let n = |v: f64| FluentNumber::new(v, FluentNumberOptions::default());
        assert_eq!(NumberFormat::new(&l("ar-IQ")).unwrap().format(&n(6.0)), "٦");
        assert_eq!(
            NumberFormat::new(&l("ar-IQ")).unwrap().format(&n(1234.0)),
            "١٬٢٣٤"
        );
        assert_eq!(
            NumberFormat::new(&l("fr")).unwrap().format(&n(12345.0)),
            "12\u{202f}345"
        );
        assert_eq!(
            NumberFormat::new(&l("en-US")).unwrap().format(&n(12345.0)),
            "12,345"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            format_date(&l("en-US"), "2020-10-05", "long").unwrap(),
            "October 5, 2020"
        );
        assert_eq!(
            format_date(&l("fr"), "2020-10-05", "long").unwrap(),
            "5 octobre 2020"
        );
        assert!(format_date(&l("en-US"), "not a date", "long").is_none());
    }

    #[test]
    fn language_names_come_from_cldr_in_their_own_language() {
        let name = |id: &str| language_autonym(&id.parse().unwrap());
        assert_eq!(name("ar-IQ").as_deref(), Some("العربية"));
        assert_eq!(name("fr").as_deref(), Some("Français"));
        assert_eq!(name("en-US").as_deref(), Some("English"));
        assert_eq!(name("ckb").as_deref(), Some("کوردیی ناوەندی"));
        assert_eq!(name("de-CH").as_deref(), Some("Deutsch"));
        assert_eq!(name("qaa").as_deref(), None);
    }
}
