//! The small trees a feed is read into ([`super::tree`]): an [`Element`] with its canonical
//! name, attributes, children, line and `xml:base`, and what is read from one (attributes,
//! children by name, its text, its content as escaped HTML for the HTML reader).

use crate::text::escape_html_into;
use std::rc::Rc;

/// One element: its canonical name, attributes, children, the line it starts on, and the base
/// (`xml:base`, resolved against its ancestors') that relative links inside it are read against.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
    pub base: Option<Rc<str>>,
}

/// A child of an element.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute's value, by canonical name (`href`, `xml:lang`).
    #[must_use]
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }

    /// The child elements called `name`.
    pub fn all<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.elements().filter(move |child| child.name == name)
    }

    /// The first child element called `name`.
    #[must_use]
    pub fn first<'e>(&'e self, name: &'e str) -> Option<&'e Element> {
        self.all(name).next()
    }

    /// Every child element.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// All the text inside, markup removed.
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.collect_text(out),
            }
        }
    }

    /// The trimmed text of the first child called `name`, if it has any.
    #[must_use]
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.all(name)
            .map(|child| child.text().trim().to_owned())
            .find(|text| !text.is_empty())
    }

    /// The children written back as HTML (for Atom's `type="xhtml"`), every text and attribute
    /// escaped; names lose their prefix, since XHTML is HTML's vocabulary.
    #[must_use]
    pub fn inner_html(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            write_html(node, &mut out);
        }
        out
    }
}

fn write_html(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => escape_html_into(text, out),
        Node::Element(element) => {
            let name = element
                .name
                .rsplit(':')
                .next()
                .unwrap_or(element.name.as_str());
            out.push('<');
            out.push_str(name);
            for (key, value) in &element.attributes {
                out.push(' ');
                out.push_str(key.rsplit(':').next().unwrap_or(key));
                out.push_str("=\"");
                escape_html_into(value, out);
                out.push('"');
            }
            out.push('>');
            for child in &element.children {
                write_html(child, out);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}
