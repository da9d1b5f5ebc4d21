import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one file that talks to cmark's C API. Every pointer stays in here:
// the rest of the target sees `MarkdownTree`, `NodeHandle` (opaque) and
// Swift values. A tree owns its nodes and frees them all in `deinit`,
// including nodes inserted by rewriters.

/// How far a Markdown text is trusted.
public enum Trust: Sendable {
    /// Course files, written by the course's authors: raw HTML passes.
    case course
    /// Text a trainee wrote: cmark's safe default drops raw HTML and empties `javascript:` links.
    case trainee

    var cmarkOptions: Int32 {
        switch self {
        case .course: return CMARK_OPT_UNSAFE
        case .trainee: return CMARK_OPT_DEFAULT
        }
    }
}

/// A node of a `MarkdownTree`, valid only while its tree lives.
/// The pointer is private to this file.
struct NodeHandle {
    fileprivate let node: OpaquePointer
}

/// One node of interest found by `MarkdownTree.walk()`, in document order.
enum TreeItem {
    /// A fenced code block: its whole info line, its body, the line it starts on (1-based) and
    /// whether it stands at the top level of the document (not inside a list or quote).
    case fencedBlock(info: String, body: String, line: Int, topLevel: Bool, NodeHandle)
    /// A heading with its level, plain text and line.
    case heading(level: Int, text: String, line: Int, NodeHandle)
    /// A link with its destination and line.
    case link(url: String, line: Int, NodeHandle)
}

/// A parsed Markdown document.
final class MarkdownTree {
    private let document: OpaquePointer
    private let options: Int32

    init(_ markdown: String, trust: Trust) {
        let options = trust.cmarkOptions
        let byteCount = markdown.utf8.count
        // cmark_parse_document returns nil only when out of memory, where cmark itself aborts.
        document = markdown.withCString { cmark_parse_document($0, byteCount, options) }!
        self.options = options
    }

    deinit {
        for holder in holders { cmark_node_free(holder) }
        cmark_node_free(document)
    }

    /// The fenced code blocks named in `names`, the headings and the links of the document, in order.
    /// Collected first and changed afterwards: cmark's iterator must not see the tree change.
    func walk(claiming names: Set<String>) -> [TreeItem] {
        var items: [TreeItem] = []
        guard let iterator = cmark_iter_new(document) else { return items }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_CODE_BLOCK {
                // Only fenced blocks have an info line; indented code blocks keep an empty one.
                guard let infoPointer = cmark_node_get_fence_info(node),
                      claims(infoPointer, names) else { continue }
                let info = String(cString: infoPointer)
                items.append(.fencedBlock(
                    info: info,
                    body: string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node)),
                    topLevel: cmark_node_parent(node) == document,
                    NodeHandle(node: node)))
            } else if type == CMARK_NODE_HEADING {
                items.append(.heading(
                    level: Int(cmark_node_get_heading_level(node)),
                    text: plainText(of: node),
                    line: Int(cmark_node_get_start_line(node)),
                    NodeHandle(node: node)))
            } else if type == CMARK_NODE_LINK {
                items.append(.link(
                    url: string(cmark_node_get_url(node)),
                    line: Int(cmark_node_get_start_line(node)),
                    NodeHandle(node: node)))
            }
        }
        return items
    }

    /// Whether a fence info line's first word (as `split(separator: " ")` gives it; cmark trims
    /// the line) is one of `names`. Read on the bytes, without a String for every code block:
    /// a space followed by ASCII is a character of its own, anything else is left to String.
    private func claims(_ info: UnsafePointer<CChar>, _ names: Set<String>) -> Bool {
        let length = strlen(info)
        return info.withMemoryRebound(to: UInt8.self, capacity: length + 1) { bytes in
            let line = UnsafeBufferPointer(start: bytes, count: length)
            let space = line.firstIndex(of: 0x20)
            if let space, space + 1 < length, line[space + 1] >= 0x80 {
                let text = String(decoding: line, as: UTF8.self)
                let name = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                return names.contains(name)
            }
            let name = UnsafeBufferPointer(rebasing: line[..<(space ?? length)])
            return !name.isEmpty && names.contains(String(decoding: name, as: UTF8.self))
        }
    }

    /// Replaces a block by HTML that is printed as it is, in safe mode too
    /// (a custom block, not an HTML block, which safe mode would drop). The caller escapes.
    func replace(_ handle: NodeHandle, withHTML html: String) {
        let block = customBlock(enter: html, exit: "")
        cmark_node_replace(handle.node, block)
        cmark_node_free(handle.node)
    }

    /// Replaces a block by HTML given as UTF-8 bytes that end with a NUL (as cmark takes text):
    /// HTML built as bytes reaches cmark without becoming a String first. The caller escapes.
    func replace(_ handle: NodeHandle, withHTMLBytes html: [UInt8]) {
        precondition(html.last == 0, "HTML bytes must end with a NUL")
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        if html.count > 1 {
            html.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(block, $0.baseAddress) }
            }
        }
        cmark_node_replace(handle.node, block)
        cmark_node_free(handle.node)
    }

    /// Replaces a block by a container: `open`, the blocks of `content` (moved out of it), `close`.
    func replace(_ handle: NodeHandle, open: String, content: MarkdownTree, close: String) {
        let block = customBlock(enter: open, exit: close)
        while let child = cmark_node_first_child(content.document) {
            cmark_node_unlink(child)
            cmark_node_append_child(block, child)
        }
        cmark_node_replace(handle.node, block)
        cmark_node_free(handle.node)
    }

    /// Gives a heading an `id` without rendering anything: the heading becomes a custom block
    /// (which prints only line breaks) holding a custom inline that prints `<hN id="…">`, the
    /// heading's own inline content, and `</hN>` — byte for byte what cmark prints for the
    /// heading, with the id added.
    func setHeadingID(_ handle: NodeHandle, level: Int, id: String) {
        let block = customBlock(enter: "", exit: "")
        let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        // `<hN id="…">` built as bytes, with its closing NUL, and `</hN>` from a table.
        let level = min(max(level, 1), 6)
        var open: [UInt8] = []
        open.reserveCapacity(id.utf8.count + 16)
        open.append(contentsOf: "<h".utf8)
        open.append(UInt8(truncatingIfNeeded: 0x30 + level))
        open.append(contentsOf: " id=\"".utf8)
        HTML.appendEscaped(id, to: &open)
        open.append(contentsOf: "\">\0".utf8)
        open.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(inline, $0.baseAddress) }
        }
        _ = Self.headingEnds[level - 1].withCString { cmark_node_set_on_exit(inline, $0) }
        while let child = cmark_node_first_child(handle.node) {
            cmark_node_unlink(child)
            cmark_node_append_child(inline, child)
        }
        cmark_node_append_child(block, inline)
        cmark_node_replace(handle.node, block)
        cmark_node_free(handle.node)
    }

    private static let headingEnds = ["</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>"]

    /// Changes a link's destination.
    func setURL(_ handle: NodeHandle, _ url: String) {
        _ = url.withCString { cmark_node_set_url(handle.node, $0) }
    }

    /// Marks a top-level block as a slot: rendering splits the document there.
    func markSlot(_ handle: NodeHandle, id: String) {
        let block = customBlock(enter: "", exit: "")
        cmark_node_replace(handle.node, block)
        cmark_node_free(handle.node)
        slots[UnsafeRawPointer(block)] = id
    }

    private var slots: [UnsafeRawPointer: String] = [:]
    /// Documents holding runs of blocks taken out by `renderParts`, freed with the tree.
    private var holders: [OpaquePointer] = []

    /// Renders the document as HTML, split at the slots marked with `markSlot`. Each run of
    /// top-level blocks between slots is moved into a document of its own and rendered there;
    /// the runs stay there (freed with the tree), so this renders a tree once.
    func renderParts() -> [RenderedDocument.Part] {
        precondition(holders.isEmpty, "a tree renders its parts once")
        guard !slots.isEmpty else { return [.html(render(document))] }
        var parts: [RenderedDocument.Part] = []
        var child = cmark_node_first_child(document)
        var holder: OpaquePointer?
        while let node = child {
            child = cmark_node_next(node)
            if let id = slots[UnsafeRawPointer(node)] {
                if let run = holder { parts.append(.html(render(run))); holder = nil }
                parts.append(.exercise(id: id))
            } else {
                if holder == nil {
                    // cmark_node_new only fails when out of memory, where cmark itself aborts.
                    holder = cmark_node_new(CMARK_NODE_DOCUMENT)!
                    holders.append(holder!)
                }
                cmark_node_unlink(node)
                cmark_node_append_child(holder, node)
            }
        }
        if let run = holder { parts.append(.html(render(run))) }
        return parts
    }

    /// cmark's own HTML for a Markdown text, without any course extension: the benchmark's baseline.
    static func bareHTML(_ markdown: String, trust: Trust) -> String {
        let byteCount = markdown.utf8.count
        guard let html = markdown.withCString({ cmark_markdown_to_html($0, byteCount, trust.cmarkOptions) }) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    // MARK: - Private

    private func render(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private func customBlock(enter: String, exit: String) -> OpaquePointer {
        // cmark_node_new only fails when out of memory, where cmark itself aborts.
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        // A new custom node prints nothing on entry and exit: set only what is not empty.
        // withCString hands over a native String's own bytes; passing the String itself to the
        // C function would copy it into an array first.
        if !enter.isEmpty { _ = enter.withCString { cmark_node_set_on_enter(block, $0) } }
        if !exit.isEmpty { _ = exit.withCString { cmark_node_set_on_exit(block, $0) } }
        return block
    }

    /// A heading's plain text: its text and code spans, a space for each line break.
    private func plainText(of node: OpaquePointer) -> String {
        // Gathered as bytes and decoded once: a heading's text comes in several literals.
        var text: [UInt8] = []
        appendPlainText(of: node, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    private func appendPlainText(of node: OpaquePointer, to text: inout [UInt8]) {
        var child = cmark_node_first_child(node)
        while let inner = child {
            let type = cmark_node_get_type(inner)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(inner) {
                    literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(literal)))
                    }
                }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text.append(0x20)
            } else {
                appendPlainText(of: inner, to: &text)
            }
            child = cmark_node_next(inner)
        }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
