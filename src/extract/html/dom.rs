//! The HTML tree html5ever's tree builder fills: an arena of nodes with
//! parent, sibling and child links, keeping only what extraction reads
//! (element names, attributes, text). No recursion anywhere, so neither
//! building, walking nor dropping a deep tree can overflow the stack.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{expanded_name, local_name, ns, Attribute, QualName};

/// A node's index in its [`Dom`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeId(u32);

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
    },
    /// A template's contents, kept as the template element's first child.
    Fragment,
    Text(StrTendril),
    /// A comment, doctype or processing instruction: never read.
    Other,
}

#[derive(Debug)]
struct Node {
    data: Data,
    parent: Option<NodeId>,
    prev: Option<NodeId>,
    next: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
}

/// A parsed HTML document.
#[derive(Debug)]
pub(crate) struct Dom {
    nodes: Vec<Node>,
    /// Answers the tree builder's name question for a non-element node.
    placeholder: QualName,
}

impl Dom {
    /// Parses a document as browsers do (scripting on, so `noscript` is raw text).
    pub fn parse(html: &str) -> Dom {
        let sink = Sink(RefCell::new(Dom {
            nodes: Vec::new(),
            placeholder: QualName::new(None, ns!(html), local_name!("")),
        }));
        sink.0.borrow_mut().push(Data::Document);
        html5ever::parse_document(sink, Default::default()).one(html)
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    pub fn data(&self, id: NodeId) -> &Data {
        &self.node(id).data
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child
    }

    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).next
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.first_child(id), |&c| self.next_sibling(c))
    }

    /// A node and everything under it, in document order.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&at| {
            if let Some(child) = self.first_child(at) {
                return Some(child);
            }
            let mut cur = at;
            loop {
                if cur == id {
                    return None;
                }
                if let Some(next) = self.next_sibling(cur) {
                    return Some(next);
                }
                cur = self.parent(cur)?;
            }
        })
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.0 as usize]
    }

    fn push(&mut self, data: Data) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).expect("fewer than 2^32 HTML nodes"));
        self.nodes.push(Node {
            data,
            parent: None,
            prev: None,
            next: None,
            first_child: None,
            last_child: None,
        });
        id
    }

    /// Unlinks a node from its parent and siblings.
    fn detach(&mut self, id: NodeId) {
        let Node {
            parent, prev, next, ..
        } = *self.node(id);
        let Some(parent) = parent else {
            return;
        };
        match prev {
            Some(p) => self.node_mut(p).next = next,
            None => self.node_mut(parent).first_child = next,
        }
        match next {
            Some(n) => self.node_mut(n).prev = prev,
            None => self.node_mut(parent).last_child = prev,
        }
        let node = self.node_mut(id);
        node.parent = None;
        node.prev = None;
        node.next = None;
    }

    /// Makes a parentless node the last child of `parent`.
    fn append(&mut self, parent: NodeId, id: NodeId) {
        let last = self.node(parent).last_child;
        {
            let node = self.node_mut(id);
            node.parent = Some(parent);
            node.prev = last;
            node.next = None;
        }
        match last {
            Some(l) => self.node_mut(l).next = Some(id),
            None => self.node_mut(parent).first_child = Some(id),
        }
        self.node_mut(parent).last_child = Some(id);
    }

    /// Puts a parentless node right before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: NodeId, id: NodeId) {
        let Node { parent, prev, .. } = *self.node(sibling);
        {
            let node = self.node_mut(id);
            node.parent = parent;
            node.prev = prev;
            node.next = Some(sibling);
        }
        self.node_mut(sibling).prev = Some(id);
        match (prev, parent) {
            (Some(p), _) => self.node_mut(p).next = Some(id),
            (None, Some(parent)) => self.node_mut(parent).first_child = Some(id),
            (None, None) => {}
        }
    }

    /// Appends text to the text node `at`, if it is one.
    fn extend_text(&mut self, at: Option<NodeId>, text: &StrTendril) -> bool {
        match at.map(|id| &mut self.node_mut(id).data) {
            Some(Data::Text(t)) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

/// The tree builder's view of a [`Dom`] under construction.
struct Sink(RefCell<Dom>);

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.0.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId(0)
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |dom| match dom.data(*target) {
            Data::Element { name, .. } => name,
            _ => &dom.placeholder,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = name.expanded() == expanded_name!(html "template");
        let mut dom = self.0.borrow_mut();
        let id = dom.push(Data::Element { name, attrs });
        if template {
            let contents = dom.push(Data::Fragment);
            dom.append(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.0.borrow_mut().push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.0.borrow_mut().push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => dom.append(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = dom.node(*parent).last_child;
                if !dom.extend_text(last, &text) {
                    let id = dom.push(Data::Text(text));
                    dom.append(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.0.borrow().parent(*element).is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut dom = self.0.borrow_mut();
        let id = dom.push(Data::Other);
        dom.append(NodeId(0), id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let dom = self.0.borrow();
        let contents = dom
            .children(*target)
            .find(|&c| matches!(dom.data(c), Data::Fragment));
        contents.unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            dom.detach(id);
        }
        if dom.parent(*sibling).is_none() {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => dom.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = dom.node(*sibling).prev;
                if !dom.extend_text(prev, &text) {
                    let id = dom.push(Data::Text(text));
                    dom.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new: Vec<Attribute>) {
        let mut dom = self.0.borrow_mut();
        if let Data::Element { attrs, .. } = &mut dom.node_mut(*target).data {
            for attr in new {
                if !attrs.iter().any(|a| a.name == attr.name) {
                    attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.0.borrow_mut();
        while let Some(child) = dom.first_child(*node) {
            dom.detach(child);
            dom.append(*new_parent, child);
        }
    }
}

/// An attribute of an element (no namespace), by name.
pub(crate) fn attr<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.ns == ns!() && &*a.name.local == name)
        .map(|a| &*a.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        for id in dom.descendants(dom.root()) {
            match dom.data(id) {
                Data::Element { name, .. } => out.push_str(&format!("<{}>", name.local)),
                Data::Text(t) => out.push_str(&format!("{:?}", &**t)),
                Data::Fragment => out.push_str("#fragment"),
                Data::Document | Data::Other => {}
            }
        }
        out
    }

    #[test]
    fn builds_the_browser_tree() {
        // Implied elements, merged text, a misnested formatting element
        // (adoption agency: reparenting), foster-parented table text.
        let dom =
            Dom::parse("<b>1<p>2</b>3</p><p>a<table>x<tr><td>y</table><template>t</template>");
        assert_eq!(
            outline(&dom),
            r#"<html><head><body><b>"1"<p><b>"2""3"<p>"ax"<table><tbody><tr><td>"y"<template>#fragment"t""#
        );
    }

    #[test]
    fn attributes_by_name() {
        let dom = Dom::parse(r#"<div hidden style="x" data-a="1"></div><svg xlink:href="h"/>"#);
        let elements: Vec<&Vec<Attribute>> = dom
            .descendants(dom.root())
            .filter_map(|id| match dom.data(id) {
                Data::Element { name, attrs } if &*name.local == "div" || &*name.local == "svg" => {
                    Some(attrs)
                }
                _ => None,
            })
            .collect();
        assert_eq!(attr(elements[0], "hidden"), Some(""));
        assert_eq!(attr(elements[0], "style"), Some("x"));
        assert_eq!(attr(elements[1], "href"), None);
    }
}
