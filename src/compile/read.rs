//! The file as a load reads it: every part as [`PathwayDocument`] holds it
//! except the referrals, which are read one at a time into a
//! [`ReferralList`]: service ids and delays interned (each distinct text
//! kept once, borrowed from the file where it has no escapes), each
//! referral a few numbers. A national file's million referrals then take
//! about 40 MB instead of about 350 MB, and no per-referral strings are
//! allocated.
//!
//! The types here read exactly what [`PathwayDocument`] reads, with the
//! same errors at the same places: the same field names in the same
//! order, the same defaults, the same names in messages (`struct
//! ReferralDoc`, `a sequence`, `a string`). `src/compile/tests.rs`
//! checks both readers against each other on the fixtures, on hostile
//! variants and on random pathways.
//!
//! Complexity: O(n) in the length of the text, plus one hash lookup per
//! service id and delay named by a referral (expected O(1) with a keyed,
//! randomly seeded hasher: a file cannot choose colliding ids).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::document::{PathwayDocument, ReferralDoc, Rule};

/// A hash map with a fast hasher, seeded at random per map (foldhash, the
/// hasher of `hashbrown`): ids are hashed several times a referral, and
/// SipHash was a fifth of a national load. The random seed keeps a file
/// from choosing ids that collide.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A pathway file as a load reads it (see the module's documentation).
pub(crate) use named::PathwayDocument as StreamedDocument;

/// The reading types, named as [`crate::document`]'s: serde names a type
/// by its Rust name in messages (`expected struct ReferralDoc with 5
/// elements`).
mod named {
    use serde::Deserialize;

    use super::{ReferralList, Text};
    use crate::document::{
        AlternativeDoc, GoalDoc, Metadata, RegionDoc, Rule, ServiceDoc, Vocabulary,
    };

    /// [`crate::document::PathwayDocument`]'s fields, one for one, with
    /// the referrals read into a [`ReferralList`].
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct PathwayDocument<'a> {
        #[serde(rename = "$schema", default)]
        pub(super) schema: Option<String>,
        pub(super) metadata: Metadata,
        #[serde(default)]
        pub(super) vocabulary: Vocabulary,
        pub(super) regions: Vec<RegionDoc>,
        pub(super) services: Vec<ServiceDoc>,
        #[serde(default, borrow)]
        pub(super) referrals: ReferralList<'a>,
        pub(super) goal: GoalDoc,
        #[serde(default)]
        pub(super) alternatives: Vec<AlternativeDoc>,
    }

    /// One referral as written: [`crate::document::ReferralDoc`]'s fields,
    /// in its order, with the ids and the delay borrowed from the file.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct ReferralDoc<'a> {
        #[serde(borrow)]
        pub(super) from: Text<'a>,
        #[serde(borrow)]
        pub(super) to: Text<'a>,
        /// Boxed as it is read: most referrals have none, and the rest
        /// are moved, not copied, into the list.
        #[serde(default)]
        pub(super) when: Option<Box<Rule>>,
        #[serde(default, borrow)]
        pub(super) delay: Option<Text<'a>>,
        #[serde(default)]
        pub(super) notes: String,
    }
}

impl<'a> StreamedDocument<'a> {
    /// The document without its referrals, and the referrals.
    pub(crate) fn split(self) -> (PathwayDocument, ReferralList<'a>) {
        let doc = PathwayDocument {
            schema: self.schema,
            metadata: self.metadata,
            vocabulary: self.vocabulary,
            regions: self.regions,
            services: self.services,
            referrals: Vec::new(),
            goal: self.goal,
            alternatives: self.alternatives,
        };
        (doc, self.referrals)
    }
}

/// Distinct texts, each kept once and numbered in the order first seen.
/// O(1) expected per [`Interner::intern`].
#[derive(Debug, Default)]
pub(crate) struct Interner<'a> {
    texts: Vec<Cow<'a, str>>,
    numbers: FastMap<Cow<'a, str>, u32>,
}

impl<'a> Interner<'a> {
    /// The number of `text`, numbering it if new; `None` past `u32::MAX`
    /// distinct texts.
    fn intern(&mut self, text: Cow<'a, str>) -> Option<u32> {
        if let Some(&n) = self.numbers.get(text.as_ref()) {
            return Some(n);
        }
        let n = u32::try_from(self.texts.len()).ok()?;
        self.texts.push(text.clone());
        self.numbers.insert(text, n);
        Some(n)
    }

    /// The texts, in number order.
    pub(crate) fn texts(&self) -> &[Cow<'a, str>] {
        &self.texts
    }

    /// The text numbered `n` (empty if there is none).
    pub(crate) fn text(&self, n: u32) -> &str {
        usize::try_from(n)
            .ok()
            .and_then(|n| self.texts.get(n))
            .map_or("", |t| t.as_ref())
    }
}

/// One referral, its texts interned in its [`ReferralList`].
#[derive(Debug)]
pub(crate) struct RawReferral {
    /// The number of the referring service's id in [`ReferralList::ids`].
    pub(crate) from: u32,
    /// The number of the receiving service's id.
    pub(crate) to: u32,
    /// The number of the delay's text in [`ReferralList::delays`], if given.
    pub(crate) delay: Option<u32>,
    /// The condition, if any (boxed: most referrals have none).
    pub(crate) when: Option<Box<Rule>>,
    /// Designer's notes.
    pub(crate) notes: Box<str>,
}

/// A file's referrals, in file order, with their ids and delays interned.
#[derive(Debug, Default)]
pub(crate) struct ReferralList<'a> {
    /// The service ids referrals name.
    pub(crate) ids: Interner<'a>,
    /// The delay texts referrals give.
    pub(crate) delays: Interner<'a>,
    /// The referrals, in file order.
    pub(crate) referrals: Vec<RawReferral>,
}

impl<'a> ReferralList<'a> {
    /// Adds one referral; `None` past `u32::MAX` distinct ids or delays.
    fn push(
        &mut self,
        from: Cow<'a, str>,
        to: Cow<'a, str>,
        when: Option<Box<Rule>>,
        delay: Option<Cow<'a, str>>,
        notes: String,
    ) -> Option<()> {
        // Referrals are usually listed by referring service: the last
        // one's `from` is checked before the index.
        let from = match self.referrals.last() {
            Some(last) if self.ids.text(last.from) == from.as_ref() => last.from,
            _ => self.ids.intern(from)?,
        };
        let to = self.ids.intern(to)?;
        let delay = match delay {
            Some(d) => Some(self.delays.intern(d)?),
            None => None,
        };
        self.referrals.push(RawReferral {
            from,
            to,
            delay,
            when,
            notes: notes.into_boxed_str(),
        });
        Some(())
    }

    /// The referrals of a document built in code (or read whole, as the
    /// lint does), interned the same way. O(r) for r referrals.
    pub(crate) fn from_docs(docs: Vec<ReferralDoc>) -> ReferralList<'static> {
        let mut list = ReferralList::default();
        list.referrals.reserve_exact(docs.len());
        for r in docs {
            // `push` fails only past u32::MAX distinct ids or delays: more
            // Strings than a document in memory can hold.
            let _ = list.push(
                Cow::Owned(r.from),
                Cow::Owned(r.to),
                r.when.map(Box::new),
                r.delay.map(Cow::Owned),
                r.notes,
            );
        }
        list
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ReferralList<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(ListVisitor)
    }
}

/// Reads the referral list one referral at a time (as `Vec`'s reader
/// would, with its name for what it expects: `a sequence`).
struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = ReferralList<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut list = ReferralList::default();
        while let Some(r) = seq.next_element::<named::ReferralDoc<'de>>()? {
            list.push(r.from.0, r.to.0, r.when, r.delay.map(|d| d.0), r.notes)
                .ok_or_else(|| de::Error::custom("more than 4294967295 distinct ids or delays"))?;
        }
        Ok(list)
    }
}

/// A string, borrowed from the file when it has no escapes; read as a
/// `String` is (`a string`).
pub(super) struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_string(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v)))
    }
}
