//! Translation memory benchmark (issue 23): prints figures, asserts nothing.
//!
//! `cargo bench --bench memory [-- SEGMENTS LOOKUPS LOCALES]` (defaults 30000,
//! 1000, 10). A generated locale of SEGMENTS paragraph-sized segments (words
//! drawn from a 5,000-word vocabulary, with placeables and numbers) is built
//! LOCALES times over (each memory held, as a process serving every locale
//! would), then LOOKUPS untranslated messages are looked up: a third edited
//! copies of segments (a word changed, one added), a third with a number
//! changed, a third new text. Then the shipped article's Arabic memory.

use ftlkit::memory::{Entry, Memory, Origin, DEFAULT_FLOOR, DEFAULT_LIMIT};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn word(rng: &mut Rng) -> String {
    // Zipf-like: low word numbers far more common, as in real text.
    let n = rng.below(5000).min(rng.below(5000)).min(rng.below(5000));
    format!("w{n}")
}

fn sentence(rng: &mut Rng) -> String {
    let len = 6 + rng.below(30);
    let mut words: Vec<String> = (0..len).map(|_| word(rng)).collect();
    match rng.below(4) {
        0 => words.insert(rng.below(len), "{ $count }".into()),
        1 => words.insert(rng.below(len), (rng.below(3000)).to_string()),
        _ => {}
    }
    words.join(" ") + "."
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn build(segments: &[String], locale: &str) -> (Memory, Duration) {
    let start = Instant::now();
    let mut memory = Memory::new(locale);
    for (n, source) in segments.iter().enumerate() {
        let _ = memory.add(Entry {
            source: source.clone(),
            target: format!("ت {source}"),
            origin: Origin::Message {
                doc: format!("doc{}", n / 300),
                id: format!("m{n}"),
                previous: false,
            },
        });
    }
    (memory, start.elapsed())
}

fn queries(segments: &[String], count: usize, rng: &mut Rng) -> Vec<String> {
    (0..count)
        .map(|i| {
            let base = &segments[rng.below(segments.len())];
            let mut words: Vec<String> = base.split(' ').map(str::to_string).collect();
            match i % 3 {
                0 => {
                    let at = rng.below(words.len());
                    words[at] = word(rng);
                    words.insert(rng.below(words.len()), word(rng));
                    words.join(" ")
                }
                1 => format!("{} 42 {}", words.join(" "), words.len()),
                _ => sentence(rng),
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let segments_n = args.first().copied().unwrap_or(30_000);
    let lookups = args.get(1).copied().unwrap_or(1_000);
    let locales = args.get(2).copied().unwrap_or(10).max(1);
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let segments: Vec<String> = (0..segments_n).map(|_| sentence(&mut rng)).collect();
    let words: usize = segments.iter().map(|s| s.split(' ').count()).sum();
    println!("memory: {segments_n} segments ({words} words) per locale");
    let base_rss = rss_mb();
    let mut held = Vec::new();
    let mut times = Vec::new();
    for l in 0..locales {
        let (memory, took) = build(&segments, &format!("l{l}"));
        times.push(took);
        held.push(memory);
    }
    times.sort();
    let per_locale = (rss_mb() - base_rss) / locales as f64;
    println!(
        "build: median {:.0} ms, slowest {:.0} ms for one locale ({locales} built)",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
    println!(
        "rss: {:.0} MB peak with {locales} memories held, {per_locale:.0} MB per locale (100 locales held: ~{:.0} MB)",
        rss_mb(),
        per_locale * 100.0
    );
    let memory = &held[0];
    let asked = queries(&segments, lookups, &mut rng);
    let mut each = Vec::with_capacity(asked.len());
    let mut found = 0;
    let start = Instant::now();
    for q in &asked {
        let t = Instant::now();
        let s = memory.suggest(q, DEFAULT_LIMIT, DEFAULT_FLOOR);
        each.push(t.elapsed());
        found += usize::from(!s.is_empty());
    }
    let total = start.elapsed();
    each.sort();
    println!(
        "lookup: {lookups} messages in {:.0} ms ({found} with a match ≥ {DEFAULT_FLOOR}%); p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        total.as_secs_f64() * 1e3,
        percentile(&each, 0.5).as_secs_f64() * 1e3,
        percentile(&each, 0.95).as_secs_f64() * 1e3,
        each.last().unwrap().as_secs_f64() * 1e3
    );
    shipped();
}

/// The shipped project's Arabic memory: built from its files, then every
/// English unit of the article looked up.
fn shipped() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(project) = ftlkit::project::Project::load(root) else {
        println!("shipped: no project at {}", root.display());
        return;
    };
    let start = Instant::now();
    let loaded = match ftlkit::memory::run::load(&project, "ar") {
        Ok(l) => l,
        Err(e) => return println!("shipped: {e}"),
    };
    let took = start.elapsed();
    let catalog = ftlkit::exchange::run::catalog(&project, "ar", &Default::default())
        .expect("the shipped catalog");
    let start = Instant::now();
    for unit in &catalog.units {
        let _ = loaded
            .memory
            .suggest(&unit.source, DEFAULT_LIMIT, DEFAULT_FLOOR);
    }
    println!(
        "shipped article (ar): memory of {} entries read and built in {:.1} ms; {} lookups in {:.2} ms",
        loaded.memory.len(),
        took.as_secs_f64() * 1e3,
        catalog.units.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
