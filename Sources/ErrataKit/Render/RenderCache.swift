import Foundation
import Mustache

/// What the preview keeps rendered across rebuilds, each by everything it depends on
/// but the model and the templates: code sections through the `code` template, the
/// codes' summaries, the search index's entries and the overview's rows. So a change
/// to one code re-renders that code alone; a change of model or templates needs a new
/// cache.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var sections: [String: String] = [:]
    private var summaries: [String: String?] = [:]
    private var searchEntries: [String: (url: String, summary: String, bytes: [UInt8])] = [:]
    private var overviewRows: [String: [String: (row: OverviewRow, value: TemplateValue)]] = [:]
    private var codesByType: [String: [ErrorCode]] = [:]

    /// What an overview's row shows besides the model's facts of its code.
    struct OverviewRow: Equatable {
        var first: Bool
        var url: String
        var summary: String
    }

    public init() {}

    subscript(key: String) -> String? {
        get { lock.withLock { sections[key] } }
        set { lock.withLock { sections[key] = newValue } }
    }

    /// ``CodeSummary/firstSentence(ofHTML:)`` of a description, worked out once.
    func summary(ofDescription html: String) -> String? {
        if let known = lock.withLock({ summaries[html] }) { return known }
        let summary = CodeSummary.firstSentence(ofHTML: html)
        lock.withLock { summaries[html] = .some(summary) }
        return summary
    }

    /// The search index's entry of the code `name`, made by `make` unless it was made
    /// for the same `url` and `summary` before.
    func searchEntry(of name: String, url: String, summary: String, make: () -> [UInt8]) -> [UInt8] {
        if let known = lock.withLock({ searchEntries[name] }), known.url == url, known.summary == summary { return known.bytes }
        let bytes = make()
        lock.withLock { searchEntries[name] = (url, summary, bytes) }
        return bytes
    }

    /// The overview's row of the code `name` on the page at `route`, made by `make`
    /// unless it was made with the same `row` before.
    func overviewRow(of name: String, on route: String, _ row: OverviewRow, make: () -> TemplateValue) -> TemplateValue {
        if let known = lock.withLock({ overviewRows[route]?[name] }), known.row == row { return known.value }
        let value = make()
        lock.withLock { overviewRows[route, default: [:]][name] = (row, value) }
        return value
    }

    /// The codes of a type in the overview's order, sorted by `make` once.
    func codes(ofType id: String, make: () -> [ErrorCode]) -> [ErrorCode] {
        if let known = lock.withLock({ codesByType[id] }) { return known }
        let codes = make()
        lock.withLock { codesByType[id] = codes }
        return codes
    }

    /// Everything a code section's HTML is made from.
    static func key(of section: CodeSection, level: Int, shortRoute: String?) -> String {
        var key = "\(section.code)\u{0}\(level)\u{0}\(shortRoute ?? "\u{1}")\u{0}\(section.descriptionHTML)\u{0}\(section.sample?.text ?? "\u{1}")"
        for subsection in section.subsections {
            key += "\u{0}\(subsection.title)\u{0}\(subsection.anchor)\u{0}\(subsection.kind.rawValue)\u{0}\(subsection.html)"
        }
        return key
    }
}
