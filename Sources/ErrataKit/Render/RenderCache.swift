import Foundation

/// Code sections already rendered through the `code` template, by everything their
/// HTML depends on. The preview keeps one across rebuilds, so a change to one code
/// re-renders that code alone; a change of templates needs a new cache.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var sections: [String: String] = [:]
    private var summaries: [String: String?] = [:]

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

    /// Everything a code section's HTML is made from.
    static func key(of section: CodeSection, level: Int, shortRoute: String?) -> String {
        var key = "\(section.code)\u{0}\(level)\u{0}\(shortRoute ?? "\u{1}")\u{0}\(section.descriptionHTML)\u{0}\(section.sample?.text ?? "\u{1}")"
        for subsection in section.subsections {
            key += "\u{0}\(subsection.title)\u{0}\(subsection.anchor)\u{0}\(subsection.kind.rawValue)\u{0}\(subsection.html)"
        }
        return key
    }
}
