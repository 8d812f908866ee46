//! Markdown → HTML, once per document.
//!
//! One pass over pulldown-cmark's events rewrites what the site needs
//! (heading ids, content links, media figures, highlighted code, no raw HTML)
//! and gathers facts about the document on the way; pulldown-cmark's own HTML
//! writer then renders the rewritten events.

use std::borrow::Cow;
use std::collections::HashSet;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::highlight::highlight;
use crate::util::escape::html as escape_html;
use crate::util::href;
use crate::util::urls::{BODY_SCHEMES, scheme};

/// Which Markdown extensions are enabled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MarkdownOptions {
    pub smart_punctuation: bool,
    pub footnotes: bool,
    pub tables: bool,
    pub strikethrough: bool,
    /// Append a `#` self-link to every heading (headings get ids regardless).
    pub heading_anchors: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        Self {
            smart_punctuation: true,
            footnotes: true,
            tables: true,
            strikethrough: true,
            heading_anchors: true,
        }
    }
}

/// What a document's body needs from the rest of the site while rendering.
pub trait Resolver {
    /// `@/articles/foo.md` style content link (the part after `@/`, without any
    /// `#anchor`) → site URL like `/articles/foo/`.
    fn content_link(&self, path: &str) -> Option<String>;
    /// The path of the site's `base_url` (`/desk`), which content links and root-relative links
    /// (`/images/a.jpg`) get in front; none for a site at a domain's root.
    fn base_path(&self) -> &str {
        ""
    }
    /// Figure HTML for media entry `index` (1-based) of this document, for an
    /// image written as `![alt](media:INDEX)`.
    fn figure(&self, index: usize) -> Option<String>;
}

/// A link destination and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// 1-based line inside the source.
    pub line: usize,
    /// 1-based column inside the source, in characters.
    pub column: usize,
}

/// A rendered document and what was learned about it while rendering.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text (inline markup stripped, entities
    /// decoded, whitespace collapsed); "" if none.
    pub first_paragraph: String,
    pub word_count: usize,
    /// 1-based media indices placed inline with `![..](media:N)`, in order.
    pub placed_media: Vec<usize>,
    /// Every link/image destination that is internal: starts with `/`, `#`,
    /// `@/`, or is relative (no scheme, not `//`); `@/` links are kept as
    /// written, not as resolved.
    pub internal_links: Vec<Link>,
    /// `@/…` links the resolver did not know, and `media:N` with no figure.
    pub unresolved: Vec<Link>,
    /// ids given to headings (for anchor checks).
    pub anchors: Vec<String>,
    /// The headings as a table of contents: the top ones, each with those under it.
    pub toc: Vec<TocEntry>,
    /// Whether the HTML has highlighted code, whose colours are in `/highlight.css`.
    pub has_code: bool,
}

/// One heading of a document's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct TocEntry {
    /// 2 for the document's top headings (the page title is the h1), 3 below them, …
    pub level: u8,
    /// The heading's `id`, unique in the document and on its page.
    pub id: String,
    /// The heading's text, inline markup stripped.
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// ids the default theme gives elements of a page around a body (the skip link's target, the
/// search box): a heading never takes one. `media-N` and `item-N` are kept free by
/// [`theme_id`] too.
const THEME_IDS: [&str; 3] = ["main", "toc", "site-search-q"];

/// Whether the theme may give `id` to an element of a page that shows a body.
fn theme_id(id: &str) -> bool {
    let numbered = |prefix: &str| {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    THEME_IDS.contains(&id) || numbered("media-") || numbered("item-")
}

/// Render `source` to HTML.
///
/// Raw HTML in the source is shown as text, never passed through: bodies
/// include imported news text, which must not be able to inject markup.
pub fn render(source: &str, options: &MarkdownOptions, resolver: &dyn Resolver) -> Rendered {
    let mut renderer = Renderer::new(source, options, resolver);
    // An id the author pins (`{#id}`) is theirs even when an earlier heading's text would slug
    // to it; only a source that may pin one is read twice.
    if source.contains("{#") {
        renderer.used_ids.extend(pinned_ids(source, options));
    }
    for (event, range) in Parser::new_ext(source, parser_options(options)).into_offset_iter() {
        renderer.event(event, range.start);
    }
    renderer.finish()
}

/// The ids headings of `source` pin with `{#id}`.
fn pinned_ids(source: &str, options: &MarkdownOptions) -> Vec<String> {
    Parser::new_ext(source, parser_options(options))
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.into_string()),
            _ => None,
        })
        .collect()
}

fn parser_options(options: &MarkdownOptions) -> Options {
    // Heading attributes let authors pin an anchor with `{#id}` so links to it
    // survive a reworded heading.
    let mut parser = Options::ENABLE_HEADING_ATTRIBUTES;
    parser.set(Options::ENABLE_SMART_PUNCTUATION, options.smart_punctuation);
    parser.set(Options::ENABLE_FOOTNOTES, options.footnotes);
    parser.set(Options::ENABLE_TABLES, options.tables);
    parser.set(Options::ENABLE_STRIKETHROUGH, options.strikethrough);
    parser
}

/// Characters escaped wherever they appear: each can start inline markup
/// (emphasis, code, links, images, raw HTML, entities, table cells,
/// strikethrough) or is the escape character itself.
const INLINE_SPECIAL: &str = "\\*_[]<>`!&|~";

/// Escape plain text so that it renders back as the same literal text.
///
/// Used by the importer. Lines are kept (a blank line still separates
/// paragraphs), but leading and trailing spaces and tabs are dropped: Markdown
/// ignores them in a paragraph except where they would make a code block or
/// a hard line break.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    // A lone `\r` ends a line in Markdown too, so it must get the same
    // line-start escaping as `\n`.
    let lines = text
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'));
    for (number, line) in lines.enumerate() {
        if number > 0 {
            escaped.push('\n');
        }
        escape_line(line.trim_matches([' ', '\t']), &mut escaped);
    }
    escaped
}

fn escape_line(line: &str, escaped: &mut String) {
    // Byte index of the character that would make this line a block marker:
    // an ATX heading, list bullet or setext underline (`#`, `-`, `+`, `=`) or
    // an ordered list item (`1.`, `1)`). `*` and `>` are escaped everywhere.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if line.starts_with(['#', '-', '+', '=']) {
        Some(0)
    } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
        Some(digits)
    } else {
        None
    };
    for (index, c) in line.char_indices() {
        if marker == Some(index) || INLINE_SPECIAL.contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
}

/// State of the single pass over one document's events.
struct Renderer<'a, 'r> {
    options: &'r MarkdownOptions,
    resolver: &'r dyn Resolver,
    lines: LineIndex<'a>,
    /// The rewritten events, rendered by pulldown-cmark at the end.
    out: Vec<Event<'a>>,
    doc: Rendered,
    words: WordCounter,
    used_ids: HashSet<String>,
    /// Tags open at this point, to tell top-level paragraphs from nested ones.
    open_tags: usize,
    /// Images open at this point: their text is alt text, not prose.
    open_images: usize,
    /// Events still to drop while inside a `media:` image, which its figure
    /// replaces whole.
    skipping: usize,
    paragraph: Option<Paragraph>,
    heading: Option<Heading<'a>>,
    /// Every heading so far, for the table of contents.
    headings: Vec<FlatHeading>,
    code: Option<CodeBlock>,
}

struct Paragraph {
    /// Whether `<p>` has been emitted. It is emitted lazily, with the first
    /// inline content, so that a paragraph holding only a figure is not
    /// wrapped in `<p>`, and text after a figure starts a new `<p>`.
    open: bool,
    /// Inline tags open inside the paragraph; the paragraph can only be split
    /// around a figure where this is 0.
    open_inlines: usize,
    /// Plain text, gathered only while looking for the first paragraph.
    first_text: Option<String>,
}

/// Shift every heading so the document's highest one is an h2: the page title
/// is the page's only h1, and levels must not skip (`##` sections under the
/// title stay h2, a `#` body moves down one, a `###`-only body moves up).
fn normalise_heading_levels(events: &mut [Event<'_>], toc: &mut [FlatHeading]) {
    let Some(top) = toc.iter().map(|heading| heading.level as usize).min() else {
        return;
    };
    let shift = |level: &mut HeadingLevel| {
        let shifted = (*level as usize + 2 - top).min(6);
        *level = HeadingLevel::try_from(shifted).unwrap_or(HeadingLevel::H6);
    };
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                shift(level)
            }
            _ => {}
        }
    }
    for heading in toc {
        shift(&mut heading.level);
    }
}

/// A heading as met, before the table of contents nests it.
struct FlatHeading {
    level: HeadingLevel,
    id: String,
    title: String,
}

/// Nest headings in document order: each takes the following deeper ones as its children (a
/// skipped level, h2 then h4, still nests).
fn nest(headings: Vec<FlatHeading>) -> Vec<TocEntry> {
    let mut top = Vec::new();
    // The open entries, outermost first.
    let mut open: Vec<TocEntry> = Vec::new();
    let close = |open: &mut Vec<TocEntry>, top: &mut Vec<TocEntry>| {
        let entry = open.pop().expect("an open entry");
        match open.last_mut() {
            Some(parent) => parent.children.push(entry),
            None => top.push(entry),
        }
    };
    for heading in headings {
        let level = heading.level as u8;
        while open.last().is_some_and(|entry| entry.level >= level) {
            close(&mut open, &mut top);
        }
        open.push(TocEntry {
            level,
            id: heading.id,
            title: collapse_whitespace(&heading.title),
            children: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut top);
    }
    top
}

/// A heading is buffered until its end, since its id (the slug of its whole
/// text) goes into its start tag.
struct Heading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    text: String,
    events: Vec<Event<'a>>,
}

enum CodeBlock {
    Indented,
    /// Gathered whole: the highlighter needs the full text to keep state
    /// across lines.
    Fenced {
        lang: String,
        text: String,
    },
}

impl<'a, 'r> Renderer<'a, 'r> {
    fn new(source: &'a str, options: &'r MarkdownOptions, resolver: &'r dyn Resolver) -> Self {
        Self {
            options,
            resolver,
            lines: LineIndex::new(source),
            out: Vec::new(),
            doc: Rendered::default(),
            words: WordCounter::default(),
            used_ids: HashSet::new(),
            open_tags: 0,
            open_images: 0,
            skipping: 0,
            paragraph: None,
            heading: None,
            headings: Vec::new(),
            code: None,
        }
    }

    fn finish(mut self) -> Rendered {
        normalise_heading_levels(&mut self.out, &mut self.headings);
        // HTML is a little longer than its Markdown: sized once rather than grown by doubling.
        let source_len = self.lines.source.len();
        let mut html = String::with_capacity(source_len + source_len / 4);
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        Rendered {
            html,
            word_count: self.words.count,
            toc: nest(self.headings),
            ..self.doc
        }
    }

    /// Handle one parser event; `offset` is where it starts in the source.
    fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.skipping > 0 {
            match event {
                Event::Start(_) => self.skipping += 1,
                Event::End(_) => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        if !continues_word(&event) {
            self.words.boundary();
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            // Raw HTML becomes text, so it is escaped on output.
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(text),
            Event::Code(code) => {
                self.plain_text(&code);
                self.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain_text(" ");
                self.push(event);
            }
            event => self.push(event),
        }
    }

    fn start(&mut self, tag: Tag<'a>, offset: usize) {
        if let Tag::Image { dest_url, .. } = &tag
            && let Some(index) = dest_url.strip_prefix("media:")
        {
            self.place_media(dest_url, index, offset);
            self.skipping = 1;
            return;
        }
        let top_level = self.open_tags == 0;
        self.open_tags += 1;
        match tag {
            // An HTML block is shown as the text of a paragraph.
            Tag::Paragraph | Tag::HtmlBlock => {
                let first = top_level && self.doc.first_paragraph.is_empty();
                self.paragraph = Some(Paragraph {
                    open: false,
                    open_inlines: 0,
                    first_text: first.then(String::new),
                });
            }
            Tag::Heading {
                level, id, classes, ..
            } => {
                // Other attributes are dropped: `{onclick=…}` would be markup
                // injection.
                self.heading = Some(Heading {
                    level,
                    explicit_id: id,
                    classes,
                    text: String::new(),
                    events: Vec::new(),
                });
            }
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                // Also split at `,` for info strings like `rust,ignore`.
                let lang = info.split([' ', '\t', ',']).next().unwrap_or_default();
                self.code = Some(CodeBlock::Fenced {
                    lang: lang.to_owned(),
                    text: String::new(),
                });
            }
            Tag::CodeBlock(kind) => {
                self.code = Some(CodeBlock::Indented);
                self.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.destination(link_type, dest_url, offset);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.open_images += 1;
                let dest_url = self.destination(link_type, dest_url, offset);
                self.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            tag => self.push(Event::Start(tag)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        self.open_tags -= 1;
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.end_paragraph(),
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => match self.code.take() {
                Some(CodeBlock::Fenced { lang, text }) => {
                    self.doc.has_code = true;
                    let html = highlight(&text, &lang) + "\n";
                    self.push(Event::Html(html.into()));
                }
                _ => self.push(Event::End(TagEnd::CodeBlock)),
            },
            TagEnd::Image => {
                self.open_images -= 1;
                self.push(Event::End(tag));
            }
            tag => self.push(Event::End(tag)),
        }
    }

    fn text(&mut self, text: CowStr<'a>) {
        match &mut self.code {
            Some(CodeBlock::Fenced { text: code, .. }) => code.push_str(&text),
            Some(CodeBlock::Indented) => self.push(Event::Text(text)),
            None => {
                if self.open_images == 0 {
                    self.words.add(&text);
                }
                self.plain_text(&text);
                self.push(Event::Text(text));
            }
        }
    }

    /// Record visible text for the current heading's slug or the first
    /// paragraph.
    fn plain_text(&mut self, text: &str) {
        if self.open_images > 0 {
            return;
        }
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        } else if let Some(first) = self.paragraph.as_mut().and_then(|p| p.first_text.as_mut()) {
            first.push_str(text);
        }
    }

    /// Append an event to the output, or to the heading being buffered.
    fn push(&mut self, event: Event<'a>) {
        if let Some(heading) = &mut self.heading {
            heading.events.push(event);
            return;
        }
        if let Some(paragraph) = &mut self.paragraph {
            match event {
                Event::Start(_) => paragraph.open_inlines += 1,
                Event::End(_) => paragraph.open_inlines -= 1,
                _ => {}
            }
            if !paragraph.open {
                // A line break right after a figure would only start the
                // next paragraph with blank space.
                if matches!(event, Event::SoftBreak | Event::HardBreak) {
                    return;
                }
                self.out.push(Event::Start(Tag::Paragraph));
                paragraph.open = true;
            }
        }
        self.out.push(event);
    }

    fn end_paragraph(&mut self) {
        let paragraph = self
            .paragraph
            .take()
            .expect("paragraph ends after it starts");
        if paragraph.open {
            self.out.push(Event::End(TagEnd::Paragraph));
        }
        if let Some(text) = paragraph.first_text {
            // A paragraph holding only a figure has no text and is skipped.
            self.doc.first_paragraph = collapse_whitespace(&text);
        }
    }

    fn end_heading(&mut self) {
        let heading = self.heading.take().expect("heading ends after it starts");
        let id = match heading.explicit_id {
            // Kept as written: the author pinned it so links to it stay stable.
            Some(id) => {
                let id = id.into_string();
                self.used_ids.insert(id.clone());
                id
            }
            None => self.unique_id(slug::slugify(&heading.text)),
        };
        self.doc.anchors.push(id.clone());
        self.headings.push(FlatHeading {
            level: heading.level,
            id: id.clone(),
            title: heading.text,
        });
        let anchor = self.options.heading_anchors.then(|| {
            let href = escape_html(&id);
            Event::InlineHtml(
                format!(
                    r##"<a class="anchor" href="#{href}" aria-label="Link to this section">#</a>"##
                )
                .into(),
            )
        });
        self.out.push(Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(id.into()),
            classes: heading.classes,
            attrs: Vec::new(),
        }));
        self.out.extend(heading.events);
        self.out.extend(anchor);
        self.out.push(Event::End(TagEnd::Heading(heading.level)));
    }

    /// `base`, or `base-1`, `base-2`, … if taken earlier in the document.
    fn unique_id(&mut self, base: String) -> String {
        // Headings without sluggable text (e.g. only punctuation) still need an id.
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut suffix = 0;
        while self.used_ids.contains(&id) || theme_id(&id) {
            suffix += 1;
            id = format!("{base}-{suffix}");
        }
        self.used_ids.insert(id.clone());
        id
    }

    /// The destination to emit for a link or image, recording internal and
    /// unresolved links on the way.
    fn destination(&mut self, link_type: LinkType, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if has_unsafe_scheme(&dest) {
            return "#".into();
        }
        // pulldown-cmark writes email autolinks as `mailto:` + dest, so their
        // dest only looks relative.
        if link_type == LinkType::Email || !is_internal(&dest) {
            return dest;
        }
        let link = self.link(&dest, offset);
        self.doc.internal_links.push(link.clone());
        let base_path = self.resolver.base_path();
        let Some(target) = dest.strip_prefix("@/") else {
            return match href::link(base_path, &dest) {
                Cow::Borrowed(_) => dest,
                Cow::Owned(prefixed) => prefixed.into(),
            };
        };
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        match (self.resolver.content_link(path), fragment) {
            (Some(url), Some(fragment)) => format!("{base_path}{url}#{fragment}").into(),
            (Some(url), None) => format!("{base_path}{url}").into(),
            // Still a valid href; the build reports the link.
            (None, _) => {
                self.doc.unresolved.push(link);
                "#".into()
            }
        }
    }

    /// Replace the image `![…](media:INDEX)` (its `dest`) by its figure.
    fn place_media(&mut self, dest: &str, index: &str, offset: usize) {
        let figure = index
            .parse()
            .ok()
            .filter(|&index| index > 0)
            .and_then(|index| Some((index, self.resolver.figure(index)?)));
        let Some((index, figure)) = figure else {
            let link = self.link(dest, offset);
            self.doc.unresolved.push(link);
            return;
        };
        self.doc.placed_media.push(index);
        let figure = Event::Html((figure + "\n").into());
        match &mut self.paragraph {
            // A figure may not sit inside `<p>`: close the paragraph here;
            // `push` reopens it for any text that follows.
            Some(paragraph) if paragraph.open_inlines == 0 => {
                if paragraph.open {
                    self.out.push(Event::End(TagEnd::Paragraph));
                    paragraph.open = false;
                }
                self.out.push(figure);
            }
            // Inside a link, emphasis, heading, list item or table cell the
            // figure stays where it was written.
            _ => self.push(figure),
        }
    }

    fn link(&self, dest: &str, offset: usize) -> Link {
        let (line, column) = self.lines.position(offset);
        Link {
            dest: dest.to_owned(),
            line,
            column,
        }
    }
}

/// Whether `event` leaves a word running across it: text split into several
/// events, or around inline formatting (`**Brief**ing` is one word).
fn continues_word(event: &Event) -> bool {
    match event {
        Event::Text(_) => true,
        Event::Start(tag) => is_inline_formatting(&tag.to_end()),
        Event::End(tag) => is_inline_formatting(tag),
        _ => false,
    }
}

fn is_inline_formatting(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

/// Counts runs of non-whitespace, possibly spread over several text events.
#[derive(Default)]
struct WordCounter {
    count: usize,
    in_word: bool,
}

impl WordCounter {
    fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            // Most text events: a word starts wherever a non-space byte follows a space,
            // counted without a branch per byte, 32 bytes at a time (a fixed-size block of
            // independent comparisons the compiler turns into vector instructions).
            const BLOCK: usize = 32;
            let white = |byte: u8| (byte == b' ') | (byte.wrapping_sub(b'\t') < 5);
            let mut white_before = !self.in_word;
            let mut starts = 0;
            let mut blocks = bytes.chunks_exact(BLOCK);
            for block in &mut blocks {
                let whites: [bool; BLOCK] = std::array::from_fn(|i| white(block[i]));
                let befores: [bool; BLOCK] =
                    std::array::from_fn(|i| if i == 0 { white_before } else { whites[i - 1] });
                starts += (0..BLOCK)
                    .map(|i| usize::from(befores[i] & !whites[i]))
                    .sum::<usize>();
                white_before = whites[BLOCK - 1];
            }
            for &byte in blocks.remainder() {
                let white = white(byte);
                starts += usize::from(white_before & !white);
                white_before = white;
            }
            self.count += starts;
            if !bytes.is_empty() {
                self.in_word = !white_before;
            }
            return;
        }
        // Bytes, not chars: even non-ASCII prose is mostly ASCII, and only a non-ASCII
        // character needs decoding to learn whether it is white space.
        let mut rest = text;
        while let Some(&byte) = rest.as_bytes().first() {
            let (white, width) = if byte.is_ascii() {
                (matches!(byte, b'\t'..=b'\r' | b' '), 1)
            } else {
                let c = rest.chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            };
            if white {
                self.in_word = false;
            } else if !self.in_word {
                self.in_word = true;
                self.count += 1;
            }
            rest = &rest[width..];
        }
    }

    fn boundary(&mut self) {
        self.in_word = false;
    }
}

fn is_internal(dest: &str) -> bool {
    !dest.starts_with("//") && scheme(dest).is_none()
}

/// Whether `dest` has a scheme outside [`BODY_SCHEMES`] (`javascript:`, `data:`, `file:`, any
/// unknown one): an allow-list, since a deny-list misses the next dangerous scheme. Browsers
/// ignore ASCII whitespace and control characters in a scheme (`java\tscript:`), so they are
/// ignored here too.
fn has_unsafe_scheme(dest: &str) -> bool {
    let visible: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    scheme(&visible).is_some_and(|scheme| {
        !BODY_SCHEMES
            .iter()
            .any(|safe| scheme.eq_ignore_ascii_case(safe))
    })
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Maps byte offsets in a source to 1-based line and column.
struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { source, starts }
    }

    /// Line and column (counted in characters) of byte `offset`.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let column = self.source[line_start..offset].chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Knows one article and one media entry.
    struct Site;

    impl Resolver for Site {
        fn content_link(&self, path: &str) -> Option<String> {
            (path == "articles/foo.md").then(|| "/articles/foo/".to_owned())
        }

        fn figure(&self, index: usize) -> Option<String> {
            (index == 1).then(|| r#"<figure><img src="/media/1.jpg" alt=""></figure>"#.to_owned())
        }
    }

    fn md(source: &str) -> Rendered {
        render(source, &MarkdownOptions::default(), &Site)
    }

    fn link(dest: &str, line: usize, column: usize) -> Link {
        Link {
            dest: dest.to_owned(),
            line,
            column,
        }
    }

    #[test]
    fn tables() {
        let html = md("| a | b |\n|---|--:|\n| 1 | 2 |\n").html;
        assert!(html.contains("<table><thead><tr><th>a</th>"), "{html}");
        assert!(
            html.contains(r#"<td style="text-align: right">2</td>"#),
            "{html}"
        );
        let off = MarkdownOptions {
            tables: false,
            ..MarkdownOptions::default()
        };
        assert!(
            !render("| a |\n|---|\n", &off, &Site)
                .html
                .contains("<table>")
        );
    }

    #[test]
    fn footnotes() {
        let html = md("Claim.[^src]\n\n[^src]: The source.\n").html;
        assert!(
            html.contains(r##"<sup class="footnote-reference"><a href="#src">1</a></sup>"##),
            "{html}"
        );
        assert!(
            html.contains(r#"<div class="footnote-definition" id="src">"#),
            "{html}"
        );
    }

    #[test]
    fn strikethrough() {
        assert_eq!(md("~~gone~~ kept").html, "<p><del>gone</del> kept</p>\n");
    }

    #[test]
    fn smart_punctuation() {
        assert_eq!(
            md(r#""Quoted" and 'single' -- ok..."#).first_paragraph,
            "“Quoted” and ‘single’ – ok…"
        );
        let off = MarkdownOptions {
            smart_punctuation: false,
            ..MarkdownOptions::default()
        };
        let plain = render(r#""Quoted" -- ok"#, &off, &Site);
        assert_eq!(plain.first_paragraph, r#""Quoted" -- ok"#);
    }

    #[test]
    fn heading_levels_start_at_h2_without_gaps() {
        let off = MarkdownOptions {
            heading_anchors: false,
            ..MarkdownOptions::default()
        };
        let html = |source: &str| render(source, &off, &Site).html;
        assert_eq!(
            html("## A\n\n### B\n"),
            "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n"
        );
        assert_eq!(
            html("# A\n\n## B\n"),
            "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n"
        );
        assert_eq!(html("### A\n"), "<h2 id=\"a\">A</h2>\n");
        assert_eq!(
            html("# A\n\n###### F\n"),
            "<h2 id=\"a\">A</h2>\n<h6 id=\"f\">F</h6>\n"
        );
    }

    #[test]
    fn heading_ids_are_unique_slugs_with_anchor_links() {
        let rendered = md(
            "# Élan *Vital*\n\n## Élan Vital\n\n## Élan Vital\n\n## Pinned {#pin .wide onclick=x}\n\n## ?!\n",
        );
        assert_eq!(
            rendered.anchors,
            [
                "elan-vital",
                "elan-vital-1",
                "elan-vital-2",
                "pin",
                "section"
            ]
        );
        let html = &rendered.html;
        assert!(
            html.contains(r##"<h2 id="elan-vital">Élan <em>Vital</em><a class="anchor" href="#elan-vital" aria-label="Link to this section">#</a></h2>"##),
            "{html}"
        );
        assert!(html.contains(r#"<h3 id="elan-vital-2">"#), "{html}");
        assert!(
            html.contains(r#"<h3 id="pin" class="wide">Pinned<a"#),
            "{html}"
        );
        assert!(!html.contains("onclick"), "{html}");

        let off = MarkdownOptions {
            heading_anchors: false,
            ..MarkdownOptions::default()
        };
        assert_eq!(
            render("# Title\n", &off, &Site).html,
            "<h2 id=\"title\">Title</h2>\n"
        );
    }

    fn entry(level: u8, id: &str, title: &str, children: Vec<TocEntry>) -> TocEntry {
        TocEntry {
            level,
            id: id.to_owned(),
            title: title.to_owned(),
            children,
        }
    }

    #[test]
    fn the_toc_nests_headings_at_their_shown_levels() {
        let toc = md("# One *big*\n\n### Deep `code`\n\n## Mid\n\n# Two\n\n## Under two\n").toc;
        assert_eq!(
            toc,
            [
                entry(
                    2,
                    "one-big",
                    "One big",
                    vec![
                        entry(4, "deep-code", "Deep code", vec![]),
                        entry(3, "mid", "Mid", vec![]),
                    ]
                ),
                entry(
                    2,
                    "two",
                    "Two",
                    vec![entry(3, "under-two", "Under two", vec![])]
                ),
            ]
        );
        assert!(md("No headings.\n").toc.is_empty());
    }

    #[test]
    fn heading_ids_leave_pinned_and_theme_ids_free() {
        // The first heading would slug to the id the third pins; "main" and "media-1" are the
        // theme's (the skip link's target, the first figure).
        let rendered = md("## Pin\n\n## Main\n\n## Moved {#pin}\n\n## Media 1\n\n## Media one\n");
        assert_eq!(
            rendered.anchors,
            ["pin-1", "main-1", "pin", "media-1-1", "media-one"]
        );
        let ids: Vec<&str> = rendered.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, rendered.anchors);
    }

    #[test]
    fn raw_html_is_shown_escaped() {
        let block = md("<script>alert(1)</script>\n");
        assert!(
            block.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            block.html
        );
        assert!(!block.html.contains("<script"), "{}", block.html);

        let inline = md("Hi <script>alert(1)</script> <img src=x onerror=alert(1)> there\n");
        assert!(
            inline
                .html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            inline.html
        );
        assert!(
            inline.html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{}",
            inline.html
        );
        assert!(!inline.html.contains("<img"), "{}", inline.html);
    }

    #[test]
    fn script_urls_are_neutralised() {
        let html = md("[a](javascript:alert(1)) [b](JavaScript&#9;:x) ![c](data:image/png;base64,AA) [d](VBScript:x) <javascript:alert(1)>").html;
        let lower = html.to_ascii_lowercase();
        for scheme in ["javascript", "data", "vbscript"] {
            assert!(!lower.contains(&format!("=\"{scheme}")), "{html}");
        }
        assert_eq!(html.matches(r##"="#""##).count(), 5, "{html}");
    }

    #[test]
    fn only_allowed_schemes_pass_in_bodies() {
        let html = md("[a](file:///etc/passwd) [b](foo:bar) [c](https://x.example/) [d](tel:+15550100) [e](ftp://x.example/f) [f](/local/) [g](#top)").html;
        for kept in [
            "\"https://x.example/\"",
            "\"tel:+15550100\"",
            "\"ftp://x.example/f\"",
            "\"/local/\"",
            "\"#top\"",
        ] {
            assert!(html.contains(kept), "{kept} in {html}");
        }
        assert!(!html.contains("file:") && !html.contains("foo:"), "{html}");
        assert_eq!(html.matches(r##"="#""##).count(), 2, "{html}");
    }

    #[test]
    fn fenced_code_is_highlighted_and_indented_code_is_plain() {
        let rendered = md("```rust,ignore\nlet x = 1 < 2;\n```\n\n    a < b\n");
        let html = &rendered.html;
        assert!(
            html.starts_with(r#"<pre class="code" data-lang="rust"><code><span class="hl-"#),
            "{html}"
        );
        assert!(md("```rust\nfn main() {}\n```\n").has_code);
        assert!(!md("    a < b\n").has_code);
        assert!(html.contains("&lt;"), "{html}");
        assert!(!html.contains("1 < 2"), "{html}");
        assert!(
            html.ends_with("<pre><code>a &lt; b\n</code></pre>\n"),
            "{html}"
        );
        assert_eq!(rendered.word_count, 0);
    }

    #[test]
    fn content_links_resolve_with_positions() {
        let source = "Intro.\n\nSee [foo](@/articles/foo.md#part) and\n  [gone](@/articles/gone.md), ![pic](@/articles/foo.md).\n";
        let rendered = md(source);
        let html = &rendered.html;
        assert!(
            html.contains(r##"<a href="/articles/foo/#part">foo</a>"##),
            "{html}"
        );
        assert!(html.contains(r##"<a href="#">gone</a>"##), "{html}");
        assert!(
            html.contains(r#"<img src="/articles/foo/" alt="pic" />"#),
            "{html}"
        );
        assert_eq!(
            rendered.internal_links,
            [
                link("@/articles/foo.md#part", 3, 5),
                link("@/articles/gone.md", 4, 3),
                link("@/articles/foo.md", 4, 31),
            ]
        );
        assert_eq!(rendered.unresolved, [link("@/articles/gone.md", 4, 3)]);
    }

    /// [`Site`] published under `/desk`.
    struct UnderDesk;

    impl Resolver for UnderDesk {
        fn content_link(&self, path: &str) -> Option<String> {
            Site.content_link(path)
        }

        fn base_path(&self) -> &str {
            "/desk"
        }

        fn figure(&self, index: usize) -> Option<String> {
            Site.figure(index)
        }
    }

    #[test]
    fn root_relative_and_content_links_get_the_base_path() {
        let source = "[a](/people/x/) [b](@/articles/foo.md#part) ![c](/images/c.jpg) \
                      [d](../y/) [e](#top) [f](https://example.org/g) [h](//cdn.example/i)";
        let rendered = render(source, &MarkdownOptions::default(), &UnderDesk);
        for expected in [
            r#"href="/desk/people/x/""#,
            r##"href="/desk/articles/foo/#part""##,
            r#"src="/desk/images/c.jpg""#,
            r#"href="../y/""#,
            r##"href="#top""##,
            r#"href="https://example.org/g""#,
            r#"href="//cdn.example/i""#,
        ] {
            assert!(
                rendered.html.contains(expected),
                "{expected} in {}",
                rendered.html
            );
        }
        // The link check reads links as written: site paths.
        assert_eq!(rendered.internal_links[0].dest, "/people/x/");
    }

    #[test]
    fn link_columns_count_characters() {
        assert_eq!(md("Ünïcödé [x](/a)").internal_links, [link("/a", 1, 9)]);
    }

    #[test]
    fn internal_links_are_those_without_scheme_or_host() {
        let source = "[a](/abs) [b](#frag) [c](rel/page.html) [d](../up) [e](https://x.org) [f](//cdn.x.org/a) [g](mailto:a@b.c) <a@b.c> [h]()";
        let dests: Vec<_> = md(source)
            .internal_links
            .into_iter()
            .map(|l| l.dest)
            .collect();
        assert_eq!(dests, ["/abs", "#frag", "rel/page.html", "../up", ""]);
    }

    #[test]
    fn media_alone_is_an_unwrapped_figure() {
        let rendered = md("Before.\n\n![A photo](media:1)\n\nAfter.\n");
        assert_eq!(
            rendered.html,
            "<p>Before.</p>\n<figure><img src=\"/media/1.jpg\" alt=\"\"></figure>\n<p>After.</p>\n"
        );
        assert_eq!(rendered.placed_media, [1]);
        assert!(rendered.unresolved.is_empty());
        assert!(rendered.internal_links.is_empty());
    }

    #[test]
    fn media_inside_text_splits_the_paragraph() {
        let rendered = md("Text before\n![A photo](media:1)\nand after.\n");
        assert_eq!(
            rendered.html,
            "<p>Text before\n</p>\n<figure><img src=\"/media/1.jpg\" alt=\"\"></figure>\n<p>and after.</p>\n"
        );
        assert_eq!(rendered.first_paragraph, "Text before and after.");
    }

    #[test]
    fn unknown_media_is_unresolved_and_dropped() {
        let rendered = md("Text.\n\n  ![x](media:9) ![y](media:zero)\n");
        assert_eq!(rendered.html, "<p>Text.</p>\n<p> </p>\n");
        assert!(rendered.placed_media.is_empty());
        assert_eq!(
            rendered.unresolved,
            [link("media:9", 3, 3), link("media:zero", 3, 17)]
        );
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let source = "# Title\n\n> Quoted first.\n\n![x](media:1)\n\nThe *quick*   [brown](/fox) `fox` &amp;\njumps&nbsp;![alt text](/i.png) over.[^n]\n\nSecond.\n\n[^n]: Note.\n";
        assert_eq!(
            md(source).first_paragraph,
            "The quick brown fox & jumps over."
        );
        assert_eq!(md("# Only a heading\n").first_paragraph, "");
    }

    #[test]
    fn word_count_skips_code_and_alt_text() {
        let source = "# Two words\n\n**Brief**ing on `code` a\\*b ![alt text](/i.png) end.\n\n```\nnot counted\n```\n";
        assert_eq!(md(source).word_count, 2 + 4);
    }

    #[test]
    fn escape_text_neutralises_block_and_inline_markup() {
        let cases = [
            "# not a heading",
            "- not a list",
            "+ not a list",
            "* not a list",
            "> not a quote",
            "12. not a list",
            "3) not a list",
            "=== not an underline",
            "***",
            "```",
            "~~~",
            "<div>x</div> <b>y</b> <http://x.org>",
            "*a* _b_ `c` [d](e) ![f](g) ~~h~~ a | b &amp; \\ back",
            "[^1] [x]: /y",
        ];
        for case in cases {
            let rendered = md(&escape_text(case));
            assert_eq!(
                rendered.html,
                format!("<p>{}</p>\n", escape_html_body(case)),
                "{case}"
            );
        }
    }

    #[test]
    fn escape_text_keeps_lines_without_making_blocks() {
        let text = "Headline\n===\nA line\n    indented four\r\n-\n| a | b |\n|---|---|\n\nNext paragraph  \nend\\";
        let html = md(&escape_text(text)).html;
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
        assert!(
            !html.replace("<p>", "").replace("</p>", "").contains('<'),
            "{html}"
        );
        assert!(html.contains("indented four"), "{html}");
    }

    /// How pulldown-cmark escapes text content.
    fn escape_html_body(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    #[test]
    fn snapshot_of_a_representative_document() {
        let source = r#"# Morning brief

The *day's* top story, from [our desk](@/articles/foo.md#latest).[^1]

![Crowd](media:1)

## Markets

| Index | Change |
|-------|-------:|
| FTSE  | ~~+1%~~ +2% |

```python
print("a" < "b")
```

[^1]: Filed at 06:00.
"#;
        insta::assert_snapshot!(md(source).html);
    }

    /// Arbitrary printable lines, and lines dense in Markdown syntax, which
    /// uniformly drawn characters would rarely produce.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[^\n\r\t]{0,60}",
            r#"[-#*+>=_\[\]<>`!&|~\\0-9.)(a :/"'{}^@;\u{a0}]{0,30}"#,
        ]
    }

    proptest! {
        #[test]
        fn escape_text_round_trips(text in line()) {
            // Whitespace at the ends is not part of a paragraph's text, and
            // first_paragraph collapses whitespace runs inside it.
            let text = text.trim();
            let options = MarkdownOptions { smart_punctuation: false, ..MarkdownOptions::default() };
            let rendered = render(&escape_text(text), &options, &Site);
            prop_assert_eq!(rendered.first_paragraph, collapse_whitespace(text));
            let without_p = rendered.html.replace("<p>", "").replace("</p>", "");
            prop_assert!(!without_p.contains('<'), "{}", rendered.html);
        }

        #[test]
        fn word_counter_counts_what_split_whitespace_splits(
            parts in proptest::collection::vec(
                // Short ASCII runs, and runs long enough for the 32-byte blocks.
                "\\PC*|[ \t\n\u{a0}\u{2003}\u{b}]{1,3}|[a-c \t\n\r\u{b}\u{c}\u{1f}]{0,12}|[a-b \t\n]{30,100}",
                0..8,
            )
        ) {
            let mut words = WordCounter::default();
            for part in &parts {
                words.add(part);
            }
            prop_assert_eq!(words.count, parts.concat().split_whitespace().count());
        }
    }
}
