//! An XML feed read as a stream of small element trees: [`read_document`] walks the file with
//! quick-xml's namespace-aware pull reader and hands the feed's own children and each item (or
//! entry) to a [`Sink`] as one [`Element`] tree, then drops it, so no tree of the whole file is
//! built. Names are made canonical (`dc:creator`, `media:content`, whatever prefix the file
//! used), entity references are resolved (the five XML ones, numeric ones, and HTML names that
//! feeds use without declaring them), and a document type that declares its own entities is
//! refused, so nothing is ever expanded ("billion laughs") and nothing is fetched. The trees'
//! types are in `element.rs`.

use super::super::FormatError;
pub use super::element::{Element, Node};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;
use std::rc::Rc;

/// Elements nested deeper than this are refused (no real feed comes close).
const MAX_DEPTH: usize = 64;

/// Namespaces the feed vocabularies use, and the prefix their names get whatever the file says.
const NAMESPACES: [(&str, &str); 10] = [
    ("http://www.w3.org/2005/Atom", "atom"),
    ("http://purl.org/rss/1.0/", ""),
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
    ("http://search.yahoo.com/mrss/", "media"),
    ("http://search.yahoo.com/mrss", "media"),
    ("http://www.georss.org/georss", "georss"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
    ("http://www.w3.org/XML/1998/namespace", "xml"),
    ("http://www.w3.org/1999/xhtml", "xhtml"),
];

/// The canonical name of an element or attribute: the known prefix of its namespace (none for
/// RSS 1.0's, and none for Atom's in an Atom document), else the prefix as written.
fn canonical(
    resolved: &ResolveResult<'_>,
    qualified: &str,
    local: &str,
    atom_root: bool,
) -> String {
    let prefix = match resolved {
        ResolveResult::Bound(namespace) => {
            let uri: &str = namespace.as_ref();
            match NAMESPACES.iter().find(|(known, _)| *known == uri) {
                Some((_, "atom")) if atom_root => "",
                Some((_, prefix)) => prefix,
                None => return qualified.to_owned(),
            }
        }
        ResolveResult::Unbound => "",
        ResolveResult::Unknown(_) => return qualified.to_owned(),
    };
    if prefix.is_empty() {
        local.to_owned()
    } else {
        format!("{prefix}:{local}")
    }
}

/// What receives the trees: the feed's root element (without children), then each child of the
/// feed (or of RSS's `channel`) in order, items and entries among them.
pub trait Sink {
    /// The root element: `rss`, `rdf:RDF` or `feed`; an error refuses the file.
    ///
    /// # Errors
    /// When the root names no feed this viewer reads.
    fn root(&mut self, root: &Element) -> Result<(), String>;
    /// Whether a child of the root holds the feed's children itself (RSS's `channel`).
    fn is_container(&self, name: &str) -> bool;
    /// A child of the feed (a title, an item, an entry…), whole.
    fn child(&mut self, child: Element);
    /// Whether anything was handed over (an error after that keeps what was read).
    fn has_items(&self) -> bool;
    /// The file stopped being readable at `line`, `column`: the rest is lost.
    fn cut_off(&mut self, line: usize, column: usize, message: String);
}

/// The place of a byte offset in `text`, both counted from 1.
#[must_use]
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// An element on the way: built from its start tag, filled until its end tag.
struct Open {
    element: Element,
    /// 1 for a child of the feed, 0 for the feed (or `channel`) itself.
    level: usize,
}

/// The walk through one file.
struct Walk<'t, 's, S: Sink> {
    text: &'t str,
    sink: &'s mut S,
    stack: Vec<Open>,
    atom_root: bool,
    containers: usize,
    /// The line of the last start tag, and its offset: tags come in order, so each line is
    /// counted on from the one before (counting from the top each time was quadratic).
    line_at: (usize, usize),
}

/// Reads `text` and feeds `sink`.
///
/// # Errors
/// [`FormatError::NotXml`] for a syntax error before any item (after one, the items read are kept
/// and the cut is reported through [`Sink::cut_off`]), or a refused document type.
pub fn read_document(text: &str, sink: &mut impl Sink) -> Result<(), FormatError> {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.check_comments = false;
    config.expand_empty_elements = false;
    let mut walk = Walk {
        text,
        sink,
        stack: Vec::new(),
        atom_root: false,
        containers: 0,
        line_at: (0, 1),
    };
    loop {
        let at = reader.buffer_position();
        let (name, event) = match reader.read_resolved_event() {
            Ok((resolved, event)) => {
                let name = match &event {
                    Event::Start(start) | Event::Empty(start) => {
                        if walk.stack.is_empty() {
                            walk.atom_root = matches!(&resolved, ResolveResult::Bound(ns) if AsRef::<str>::as_ref(ns) == NAMESPACES[0].0);
                        }
                        canonical(
                            &resolved,
                            start.name().as_ref(),
                            start.local_name().as_ref(),
                            walk.atom_root,
                        )
                    }
                    _ => String::new(),
                };
                (name, event)
            }
            Err(error) => return walk.fail(reader.error_position(), error.to_string()),
        };
        let outcome = match event {
            Event::Start(start) => walk.start(&reader, &start, name, at, false),
            Event::Empty(start) => walk.start(&reader, &start, name, at, true),
            Event::End(_) => walk.end(at),
            Event::Text(text) => {
                walk.push_text(&text.xml10_content());
                Ok(false)
            }
            Event::CData(cdata) => {
                walk.push_text(&cdata.xml10_content());
                Ok(false)
            }
            Event::GeneralRef(reference) => {
                if reference.is_char_ref() {
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) => {
                            walk.push_text(c.encode_utf8(&mut [0; 4]));
                            Ok(false)
                        }
                        Ok(None) | Err(_) => Err(format!(
                            "&{}; is not a character an XML file can hold",
                            reference.xml10_content()
                        )),
                    }
                } else {
                    walk.push_text(&entity(&reference.xml10_content()));
                    Ok(false)
                }
            }
            Event::DocType(doctype) if doctype.xml10_content().contains("<!ENTITY") => {
                return Err(refused_entities(text, at));
            }
            Event::Eof => Err(if walk.stack.is_empty() {
                "the file has no feed in it (no <rss> or <feed> element)".to_owned()
            } else {
                "the file ends too early, so it may have been cut off".to_owned()
            }),
            _ => Ok(false),
        };
        match outcome {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(message) => return walk.fail(at, message),
        }
    }
}

impl<S: Sink> Walk<'_, '_, S> {
    /// The line of byte `offset` (at or after the last one asked for).
    fn line_of(&mut self, offset: usize) -> usize {
        let (last, line) = self.line_at;
        let offset = offset.min(self.text.len());
        let line = match self.text.get(last..offset) {
            Some(between) if offset >= last => line + between.matches('\n').count(),
            _ => line_column(self.text, offset).0,
        };
        self.line_at = (offset, line);
        line
    }

    /// A syntax problem at byte `offset`: fatal before any item, a cut after one.
    fn fail(&mut self, offset: u64, message: String) -> Result<(), FormatError> {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        let (line, column) = line_column(self.text, offset);
        if self.sink.has_items() {
            self.sink.cut_off(line, column, message);
            Ok(())
        } else {
            Err(FormatError::NotXml {
                line,
                column,
                message,
            })
        }
    }

    /// A start tag (`empty` for `<x/>`); `Ok(false)` to go on.
    fn start(
        &mut self,
        reader: &NsReader<&[u8]>,
        start: &BytesStart<'_>,
        name: String,
        at: u64,
        empty: bool,
    ) -> Result<bool, String> {
        let line = self.line_of(usize::try_from(at).unwrap_or(0));
        let parent_base = self.stack.last().and_then(|open| open.element.base.clone());
        let element = open_element(reader, start, name, line, parent_base, self.atom_root)?;
        if self.stack.is_empty() {
            self.sink.root(&element)?;
            self.stack.push(Open { element, level: 0 });
            return Ok(empty);
        }
        if self.stack.len() > MAX_DEPTH {
            return Err(format!("elements are nested more than {MAX_DEPTH} deep"));
        }
        let level = self.stack.last().map_or(0, |open| open.level + 1);
        let container = level == 1
            && self.stack.len() == 1 + self.containers
            && self.sink.is_container(&element.name);
        if container && !empty {
            self.containers += 1;
            self.stack.push(Open { element, level: 0 });
        } else if empty {
            self.finish(element, level);
        } else {
            self.stack.push(Open { element, level });
        }
        Ok(false)
    }

    /// An end tag; `Ok(true)` once the feed's root is closed.
    fn end(&mut self, _at: u64) -> Result<bool, String> {
        let Some(open) = self.stack.pop() else {
            return Err("a closing tag without its opening".into());
        };
        if open.level == 0 {
            self.containers = self.containers.saturating_sub(1);
            return Ok(self.stack.is_empty());
        }
        self.finish(open.element, open.level);
        Ok(false)
    }

    fn push_text(&mut self, text: &str) {
        if let Some(open) = self.stack.last_mut() {
            if open.level == 0 {
                return;
            }
            if let Some(Node::Text(last)) = open.element.children.last_mut() {
                last.push_str(text);
            } else {
                open.element.children.push(Node::Text(text.to_owned()));
            }
        }
    }

    /// An element whose end was reached: a child of its parent, or, one level under the feed,
    /// handed to the sink.
    fn finish(&mut self, element: Element, level: usize) {
        if level == 1 {
            self.sink.child(element);
        } else if let Some(parent) = self.stack.last_mut() {
            parent.element.children.push(Node::Element(element));
        }
    }
}

/// A document type that declares entities is refused outright, whatever it declares.
fn refused_entities(text: &str, offset: u64) -> FormatError {
    let (line, column) = line_column(text, usize::try_from(offset).unwrap_or(0));
    FormatError::NotXml {
        line,
        column,
        message: "the document type declares its own entities (<!ENTITY …>), which this viewer never expands (they are how \"billion laughs\" and external-entity attacks work): remove the declarations".to_owned(),
    }
}

/// An entity name: the five XML ones, or an HTML name (feeds use `&nbsp;` undeclared); anything
/// else is kept as written.
fn entity(name: &str) -> String {
    match name {
        "lt" => "<".to_owned(),
        "gt" => ">".to_owned(),
        "amp" => "&".to_owned(),
        "apos" => "'".to_owned(),
        "quot" => "\"".to_owned(),
        other => super::super::html::decode_entities(&format!("&{other};")),
    }
}

fn open_element(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    name: String,
    line: usize,
    parent_base: Option<Rc<str>>,
    atom_root: bool,
) -> Result<Element, String> {
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| format!("a malformed attribute: {error}"))?;
        let key = attribute.key;
        if key.as_ref().starts_with("xmlns") {
            continue;
        }
        let (resolved, local) = reader.resolver().resolve_attribute(key);
        let key = canonical(&resolved, key.as_ref(), local.as_ref(), atom_root);
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|error| format!("the attribute {key} cannot be read: {error}"))?;
        attributes.push((key, value.into_owned()));
    }
    let base = match attributes.iter().find(|(key, _)| key == "xml:base") {
        Some((_, own)) => {
            let parent = parent_base
                .as_deref()
                .map_or("", crate::model::directory_of);
            Some(Rc::from(crate::model::resolve_against(own.trim(), parent)))
        }
        None => parent_base,
    };
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        line,
        base,
    })
}
