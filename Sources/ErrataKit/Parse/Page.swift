/// A content page after parsing: its address, front matter and body, with the error
/// code sections recognised and every block already rendered to HTML by cmark-gfm.
///
/// A page is a plain value: the C tree it came from is gone by the time anyone sees it.
public struct Page: Sendable {
    /// The file the page came from.
    public var file: String
    /// The path under the content folder, e.g. `docs/errors/item.md`.
    public var contentPath: String
    /// Where the page is published, relative to the site root, ending in `/`
    /// (`docs/errors/item/`), or `""` for the home page.
    public var route: String
    /// Whether the page is a folder's `_index.md` (an overview of what is under it).
    public var isSectionIndex: Bool
    public var frontMatter: FrontMatter
    /// The front matter's title, else a `#` heading that opens the body, else the
    /// file name.
    public var title: String
    /// Where ``title`` comes from.
    public var titleSource: TitleSource = .fileName
    /// The error type the page documents, from `error_type` in its front matter.
    public var errorTypeID: String?
    /// The body, in order.
    public var blocks: [PageBlock]
    /// Every link and image destination in the body, raw HTML's `href`s included,
    /// with its place.
    public var links: [PageLink]
    /// Every anchor the page has: code sections, headings, sub-sections, and `id`s
    /// in raw HTML.
    public var anchors: Set<String>
    /// The ``anchors`` in a fixed order: the body's in the order they come, then those
    /// of raw HTML sorted. Two pages have the same anchors when these are equal, which
    /// is quicker to see than with the sets.
    public var anchorOrder: [String] = []
    /// The raw HTML blocks of the page, for the checks that look inside them.
    public var rawHTML: [RawHTML]
    /// The `<!-- errata-disable rule -->` comments of the page.
    public var disables: [DisableComment]
    /// Each code section's summary (``CodeSummary/firstSentence(ofHTML:)`` of its
    /// description), made before the HTML was let go, for a page kept as its
    /// ``crossPageFacts`` by a build (see ``Pipeline/check(content:baseURL:layouts:forPublishing:wholePagesBudget:)``);
    /// `nil` while the page has its HTML.
    public var codeSummaries: [String?]?

    /// The code sections of the page, in order.
    public var codeSections: [CodeSection] {
        blocks.compactMap { if case .code(let section) = $0 { section } else { nil } }
    }
}

/// Where a page's title comes from.
public enum TitleSource: Sendable, Equatable {
    /// The front matter's `title`.
    case frontMatter
    /// A `#` heading that opens the body (only HTML comments before it), which is
    /// published as the title rather than in the body.
    case heading(SourceLocation)
    /// The file name, for a page with neither.
    case fileName
}

/// One part of a page's body.
public enum PageBlock: Sendable {
    /// Markdown content rendered by cmark-gfm.
    case html(String)
    /// A heading outside any code section, with its anchor. A `##` heading whose
    /// text is an error type's title carries that type: the codes after it are of it.
    case heading(Heading)
    /// A `### CODE` section.
    case code(CodeSection)
}

/// A heading outside any code section.
public struct Heading: Sendable {
    public var level: Int
    public var text: String
    /// The heading's inner HTML.
    public var html: String
    public var anchor: String
    /// The error type this heading switches to, when its text is a type's title.
    public var errorTypeID: String?
    public var location: SourceLocation
    /// The UTF-8 byte column on ``location``'s line where ``text`` starts, for a `###`
    /// heading beyond ASCII; the heading's own column for the others.
    public var textColumn: Int
}

/// A block of raw HTML and where it starts.
public struct RawHTML: Sendable {
    public var text: String
    public var location: SourceLocation

    /// Maps a position inside ``text`` to the file.
    public func fileLocation(_ position: TextPosition) -> SourceLocation {
        SourceLocation(
            file: location.file,
            line: location.line + position.line - 1,
            column: position.column + (position.line == 1 ? location.column - 1 : 0))
    }
}

/// `<!-- errata-disable rule-id -->`: silences rules for the section it is in.
public struct DisableComment: Sendable {
    /// The rule ids it names, as written.
    public var rules: [String]
    public var location: SourceLocation
    /// The lines of the section it applies to.
    public var lines: ClosedRange<Int>
}

/// A link or image destination in a page.
public struct PageLink: Sendable, Hashable {
    public var destination: String
    public var location: SourceLocation
}

/// The documentation of one error code: from its `### CODE` heading to the next
/// heading of level 3 or above.
///
/// An immutable object, not a value: a page holds thousands, and every stage copies
/// its pages' sections, so a copy is one reference; and a section the preview kept
/// from the last parse is the same object in the next, which the caches see at once
/// (``isSame(as:)``). Two sections are equal when their fields are.
public final class CodeSection: Sendable, Hashable {
    /// The code as the heading writes it.
    public let code: String
    /// The section's anchor: the code in lower case (made once, as every stage asks).
    public let anchor: String
    /// The heading's place.
    public let location: SourceLocation
    /// The type in force where the section is: the page's `error_type`, or the last
    /// `## <Type title>` heading before it.
    public let contextTypeID: String?
    /// Where the type in force was set (front matter line or type heading).
    public let contextTypeLocation: SourceLocation?
    /// The blocks between the heading and the first sub-section, except the sample
    /// (empty when the page was parsed only to be checked).
    public let descriptionHTML: String
    /// Whether there are such blocks.
    public let hasDescription: Bool
    public let sample: Sample?
    public let subsections: [Subsection]

    public init(
        code: String, location: SourceLocation, contextTypeID: String?, contextTypeLocation: SourceLocation?,
        descriptionHTML: String, hasDescription: Bool = false, sample: Sample?, subsections: [Subsection]
    ) {
        (self.code, self.anchor, self.location) = (code, code.caseInsensitiveKey, location)
        (self.contextTypeID, self.contextTypeLocation) = (contextTypeID, contextTypeLocation)
        (self.descriptionHTML, self.hasDescription, self.sample, self.subsections) = (descriptionHTML, hasDescription, sample, subsections)
    }

    /// Whether the two are one object: then they are equal without a look at a field.
    func isSame(as other: CodeSection) -> Bool { self === other }

    /// The section with another description, sample and sub-sections.
    func with(descriptionHTML: String? = nil, sample: Sample?? = nil, subsections: [Subsection]? = nil) -> CodeSection {
        CodeSection(
            code: code, location: location, contextTypeID: contextTypeID, contextTypeLocation: contextTypeLocation,
            descriptionHTML: descriptionHTML ?? self.descriptionHTML, hasDescription: hasDescription,
            sample: sample ?? self.sample, subsections: subsections ?? self.subsections)
    }

    public static func == (first: CodeSection, second: CodeSection) -> Bool {
        first === second
            || (first.code == second.code && first.location == second.location && first.contextTypeID == second.contextTypeID
                && first.contextTypeLocation == second.contextTypeLocation && first.descriptionHTML == second.descriptionHTML
                && first.hasDescription == second.hasDescription && first.sample == second.sample
                && first.subsections == second.subsections)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(location)
        hasher.combine(contextTypeID)
        hasher.combine(descriptionHTML)
        hasher.combine(sample)
        hasher.combine(subsections)
    }

    /// A section while the parser adds to it.
    struct Draft: Sendable {
        var code: String
        var location: SourceLocation
        var contextTypeID: String?
        var contextTypeLocation: SourceLocation?
        var descriptionHTML = ""
        var hasDescription = false
        var sample: Sample?
        var subsections: [Subsection] = []

        var finished: CodeSection {
            CodeSection(
                code: code, location: location, contextTypeID: contextTypeID, contextTypeLocation: contextTypeLocation,
                descriptionHTML: descriptionHTML, hasDescription: hasDescription, sample: sample, subsections: subsections)
        }
    }
}

/// A code's JSON sample: the first ```json block before its sub-sections.
public struct Sample: Sendable, Hashable {
    /// The block's text, its `// http code` line included.
    public var text: String
    /// Where the opening fence is.
    public var location: SourceLocation
    /// The file line of the block's first text line.
    public var firstLine: Int
    /// For each line of ``text``, how many columns it sits to the right of the text
    /// cmark-gfm gives: the fence's indentation, or less where the line has fewer
    /// leading spaces.
    public var indents: [Int]

    /// Maps a position inside ``text`` to the file.
    public func fileLocation(line: Int, column: Int) -> SourceLocation {
        let indent = indents.indices.contains(line - 1) ? indents[line - 1] : (indents.last ?? 0)
        return SourceLocation(file: location.file, line: firstLine + line - 1, column: column + indent)
    }
}

/// A `####` sub-section of a code.
public struct Subsection: Sendable, Hashable {
    /// What a sub-section is, from its title.
    public enum Kind: String, Sendable {
        case userMessage, alternativeUserMessage, commonCauses, troubleshooting, other
    }

    public var title: String
    public var kind: Kind
    public var anchor: String
    /// Its content (empty when the page was parsed only to be checked).
    public var html: String
    public var location: SourceLocation
    /// Whether there is content under its heading.
    public var hasContent = false
    /// Whether the sub-section has no content under its heading.
    public var isEmpty: Bool { !hasContent }
}

extension Subsection.Kind {
    /// The kind a `####` title names; "Troubleshoot steps" is read as "Troubleshooting steps".
    init(title: String) {
        switch title.trimmed.lowercased() {
        case "sample user-facing error message", "user-facing error message": self = .userMessage
        case "alternative user-facing error message": self = .alternativeUserMessage
        case "common causes": self = .commonCauses
        case "troubleshooting steps", "troubleshoot steps": self = .troubleshooting
        default: self = .other
        }
    }

    /// The title the house style gives this kind, or `nil` for free sub-sections.
    var canonicalTitle: String? {
        switch self {
        case .userMessage: "Sample user-facing error message"
        case .alternativeUserMessage: "Alternative user-facing error message"
        case .commonCauses: "Common causes"
        case .troubleshooting: "Troubleshooting steps"
        case .other: nil
        }
    }
}

import Foundation

extension Page {
    /// The template that renders the page: its `layout`, else `list` for a folder's
    /// `_index.md` and `page` for the others.
    var templateName: String { frontMatter.layout ?? (isSectionIndex ? "list" : "page") }
}

extension Page {
    /// What the checks that need every page read of this one (``Checker/siteDiagnostics(_:links:addressConflicts:modelDiagnostics:codeFindings:linkDiagnostics:)``
    /// and the `errata-disable` comments): its address, title and type, its headings,
    /// its code sections' codes, places and types in force, its links, anchors and raw
    /// HTML. Its HTML, samples and sub-sections, which only the checks of the page
    /// alone and its rendering read, are left out, so that a site's pages cost a
    /// fraction of their size while the others are checked.
    public var crossPageFacts: Page {
        var page = withoutHTML
        page.codeSummaries = nil
        page.blocks = page.blocks.map { block in
            guard case .code(let section) = block else { return block }
            return .code(section.with(sample: .some(nil), subsections: []))
        }
        return page
    }

    /// The ``crossPageFacts`` with each code section's summary, which the site map
    /// needs: what a build keeps of a page until it parses the page again to render it.
    var factsWithSummaries: Page {
        var page = crossPageFacts
        page.codeSummaries = codeSections.map { CodeSummary.firstSentence(ofHTML: $0.descriptionHTML) }
        return page
    }

    /// The page with every HTML string emptied, and its blocks of Markdown content
    /// (which only a build renders) left out: what a page parsed only to be checked
    /// (`PageParser.rendersHTML = false`) is.
    var withoutHTML: Page {
        var page = self
        page.blocks = blocks.compactMap { block in
            switch block {
            case .html: return nil
            case .heading(var heading):
                heading.html = ""
                return .heading(heading)
            case .code(let section):
                var subsections = section.subsections
                for index in subsections.indices { subsections[index].html = "" }
                return .code(section.with(descriptionHTML: "", subsections: subsections))
            }
        }
        return page
    }
}
