//! Deterministic synthetic collections, for tests and benchmarks: the same `count` and `seed`
//! always give the same file. Dates lean towards the recent end of a five-year span, regions
//! are nested one to three levels deep on six continents (a tenth of articles have none), and
//! body lengths vary from a few paragraphs to long reads.

use serde_json::{json, Value};

/// The last day generated articles may fall on (fixed, so output never depends on the clock).
pub const LAST_DAY: (i32, u8, u8) = (2025, 10, 31);

const WORLD: &[&str] = &[
    "Europe/United Kingdom/England",
    "Europe/United Kingdom/Scotland",
    "Europe/United Kingdom/Wales",
    "Europe/France/Île-de-France",
    "Europe/France/Provence-Alpes-Côte d'Azur",
    "Europe/Germany/Bavaria",
    "Europe/Germany/Berlin",
    "Europe/Poland/Lesser Poland",
    "Europe/Ukraine/Kharkiv Oblast",
    "Europe/Ukraine/Sumy Oblast",
    "Europe/Ukraine/Kyiv",
    "Europe/Russia/Kursk Oblast",
    "Europe/Russia/Belgorod Oblast",
    "Asia/Japan/Tokyo",
    "Asia/Japan/Osaka",
    "Asia/India/Maharashtra",
    "Asia/India/Kerala",
    "Asia/China/Guangdong",
    "Asia/Lebanon/Beirut",
    "Africa/Nigeria/Lagos",
    "Africa/Kenya/Nairobi",
    "Africa/South Africa/Western Cape",
    "Africa/Egypt/Cairo",
    "North America/United States/California",
    "North America/United States/Texas",
    "North America/United States/New York",
    "North America/Canada/Ontario",
    "North America/Canada/Québec",
    "North America/Mexico/Jalisco",
    "South America/Brazil/São Paulo",
    "South America/Argentina/Buenos Aires",
    "South America/Chile/Santiago",
    "Oceania/Australia/New South Wales",
    "Oceania/New Zealand/Canterbury",
];

const WORDS: &[&str] = &[
    "council",
    "minister",
    "river",
    "harbour",
    "election",
    "budget",
    "schools",
    "water",
    "energy",
    "farmers",
    "talks",
    "border",
    "court",
    "storm",
    "railway",
    "market",
    "hospital",
    "museum",
    "festival",
    "research",
    "coast",
    "bridge",
    "union",
    "police",
    "housing",
    "prices",
    "record",
    "village",
    "region",
    "plans",
    "report",
    "season",
    "late",
    "early",
    "new",
    "old",
    "local",
    "national",
    "the",
    "a",
    "of",
    "and",
    "in",
    "on",
    "for",
    "with",
    "after",
    "before",
    "said",
    "says",
    "will",
    "would",
    "could",
    "has",
    "have",
    "was",
    "were",
    "residents",
    "officials",
];

const OFFSETS: &[&str] = &[
    "Z", "+01:00", "+02:00", "-05:00", "+05:30", "+09:00", "-03:00",
];

/// SplitMix64: small, fast and good enough for test data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % (bound.max(1) as u64)).unwrap_or(0)
    }

    /// A number in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let value = (self.next() >> 11) as f64 / (1_u64 << 53) as f64;
        value
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn words(&mut self, count: usize) -> String {
        let mut text: Vec<&str> = (0..count).map(|_| self.pick(WORDS)).collect();
        let mut sentence = String::new();
        if let Some(first) = text.first_mut() {
            let mut chars = first.chars();
            if let Some(c) = chars.next() {
                sentence = c.to_uppercase().chain(chars).collect();
            }
        }
        let rest = text.get(1..).map(|r| r.join(" ")).unwrap_or_default();
        if rest.is_empty() {
            format!("{sentence}.")
        } else {
            format!("{sentence} {rest}.")
        }
    }
}

fn truncated(path: &str, depth: usize) -> String {
    path.split('/').take(depth).collect::<Vec<_>>().join("/")
}

/// A collection of `count` synthetic articles as format-version-1 JSON.
#[must_use]
pub fn collection(count: usize, seed: u64) -> Value {
    json!({
        "version": 1,
        "title": collection_title(count),
        "language": "en",
        "articles": articles(count, seed).collect::<Vec<Value>>(),
    })
}

/// The title [`collection`] gives `count` articles.
#[must_use]
pub fn collection_title(count: usize) -> String {
    format!("{count} generated sample articles")
}

/// The articles of [`collection`], one at a time, so a million can be written without holding
/// them all.
pub fn articles(count: usize, seed: u64) -> impl Iterator<Item = Value> {
    let mut random = Random(seed);
    let last = crate::date::CivilDate::new(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2)
        .map_or(0, crate::date::CivilDate::days_since_epoch);
    let span_days = 5.0 * 365.0;
    (0..count).map(move |n| {
        // Recent days are likelier: the offset back from the last day grows with u².
        let back = random.unit().powi(2) * span_days;
        #[allow(clippy::cast_possible_truncation)]
        let day = crate::date::CivilDate::from_days_since_epoch(last - back as i64);
        let published = if random.below(10) < 7 {
            format!(
                "{day}T{:02}:{:02}:00{}",
                random.below(24),
                random.below(60),
                random.pick(OFFSETS)
            )
        } else {
            day.to_string()
        };
        let region_count = match random.below(20) {
            0 | 1 => 0,
            2..=14 => 1,
            15..=18 => 2,
            _ => 3,
        };
        let regions: Vec<String> = (0..region_count)
            .map(|_| {
                let depth = match random.below(10) {
                    0 => 1,
                    1..=4 => 2,
                    _ => 3,
                };
                truncated(random.pick(WORLD), depth)
            })
            .collect();
        let paragraphs = 2 + random.below(6) + random.below(6) * random.below(6);
        let body: Vec<Value> = (0..paragraphs)
            .map(|_| {
                let length = 20 + random.below(60);
                json!({"type": "paragraph", "text": random.words(length)})
            })
            .collect();
        let title_length = 5 + random.below(8);
        let mut article = json!({
            "id": format!("gen-{n:06}"),
            "title": random.words(title_length),
            "published": published,
            "regions": regions,
            "source": {"name": "Sample"},
            "body": body,
        });
        if random.below(3) > 0 {
            let length = 15 + random.below(15);
            article["standfirst"] = json!(random.words(length));
        }
        if random.below(2) == 0 {
            article["image"] = json!({
                "src": "images/soldier.svg", "alt": "Placeholder image", "width": 1200, "height": 675
            });
        }
        article
    })
}
