/// A Markdown text rendered by the course pipeline.
///
/// The HTML comes in parts so that a page can put something of its own where an
/// `exercise` block stood (the server puts the trainee's form there) without
/// rendering the text again.
public struct RenderedDocument: Sendable {
    /// A piece of the rendered document.
    public enum Part: Sendable, Equatable {
        /// HTML as rendered.
        case html(String)
        /// The place of an `exercise` block at the top level of the document.
        case exercise(id: String)
    }

    /// The document's HTML, in order.
    public var parts: [Part]
    /// Every heading with its stable id, in order (the table of contents uses levels 2 and 3).
    public var headings: [Heading]
    /// Links as written, with their lines: `jbp check` looks for broken ones.
    public var links: [Link]
    /// Exercise ids named by `exercise` blocks, with their lines.
    public var exerciseReferences: [Reference]
    /// Problems found while rendering (an unknown case, a broken CSV, …), each with its line.
    public var diagnostics: [Diagnostic]

    /// The whole document as HTML, with `exercise(id)` giving the HTML for each exercise part.
    public func html(exercise: (String) -> String) -> String {
        var html = ""
        for part in parts {
            switch part {
            case .html(let text): html += text
            case .exercise(let id): html += exercise(id)
            }
        }
        return html
    }

    /// The headings of the table of contents: levels 2 and 3.
    public var tableOfContents: [Heading] { headings.filter { $0.level == 2 || $0.level == 3 } }
}

/// A heading of a rendered document.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    /// The heading's stable id (see docs/decisions.md).
    public var id: String
    public var line: Int
}

/// A link of a rendered document, as written in the Markdown.
public struct Link: Sendable, Equatable {
    public var url: String
    public var line: Int
}

/// A name a block refers to, and the line of the block.
public struct Reference: Sendable, Equatable {
    public var name: String
    public var line: Int
}

/// A problem in a Markdown text, at a line of that text (1-based).
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "\(line): \(message)" }
}
