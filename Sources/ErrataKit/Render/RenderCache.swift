import Foundation
import Mustache

/// What the preview keeps rendered across rebuilds, each by everything it depends on
/// but the model and the templates: code sections through the `code` template, the
/// codes' summaries, the search index's entries and each page's overview. So a change
/// to one code re-renders that code alone; a change of model or templates needs a new
/// cache.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    /// By their texts' bytes (``ExactText``): a text that changes only its
    /// normalisation is rendered again.
    private var sections: [SectionKey: Section] = [:]
    /// Each code's entry in a page's list of its codes, by the code's bytes.
    private var codeEntries: [ExactText: TemplateValue] = [:]

    /// A code section through the `code` template, and the page's body entry that
    /// shows it, which the templates' sections remember what they render with.
    struct Section {
        let html: String
        let entry: TemplateValue
    }
    private var summaries: [ExactText: String?] = [:]
    private var keptSearchEntries: SearchEntries?
    private var overviews: [String: Overview] = [:]
    private var outputSizes: [String: Int] = [:]
    private var bodies: [String: [RenderedSection]] = [:]

    /// The overview as a page shows it, with what it was made from but the model.
    final class Overview: @unchecked Sendable {
        let typeRoutes: [String: String]
        let codeAddresses: [String: String]
        /// Per type of the model, in its order: the type's own values, its codes
        /// alphabetically, their names, the summaries their rows show, and their rows.
        let headers: [[String: TemplateValue]]
        let codes: [[ErrorCode]]
        let names: [[String]]
        let summaries: [[String?]]
        let rows: [[TemplateValue]]
        /// The ``SiteMap/summariesVersion`` of the map the summaries are those of.
        let summariesVersion: Int
        /// Where each code's row is: its type's place and its own. Worked out when
        /// first asked for, by the one page render that keeps this overview.
        private(set) lazy var places: [String: (type: Int, row: Int)] = Dictionary(
            names.enumerated().flatMap { type, names in names.enumerated().map { ($1, (type, $0)) } },
            uniquingKeysWith: { first, _ in first })

        /// `names`, the codes' names, and `places`, when known already.
        init(
            typeRoutes: [String: String], codeAddresses: [String: String], summaries: [[String?]], summariesVersion: Int,
            headers: [[String: TemplateValue]], codes: [[ErrorCode]], names: [[String]]? = nil,
            places: [String: (type: Int, row: Int)]? = nil, rows: [[TemplateValue]]
        ) {
            (self.typeRoutes, self.codeAddresses, self.summaries) = (typeRoutes, codeAddresses, summaries)
            (self.headers, self.codes, self.rows, self.summariesVersion) = (headers, codes, rows, summariesVersion)
            self.names = names ?? codes.map { $0.map(\.code) }
            if let places { self.places = places }
        }

        /// What the template is given as `overview`.
        var value: [TemplateValue] {
            zip(headers, rows).map { header, rows in
                var type = header
                type["codes"] = .list(rows)
                return .object(type)
            }
        }
    }

    public init() {}

    subscript(key: SectionKey) -> Section? {
        get { lock.withLock { sections[key] } }
        set { lock.withLock { sections[key] = newValue } }
    }

    /// The entry of `code` in a page's list of its codes, made by `make` once.
    func codeEntry(of code: String, _ make: () -> TemplateValue) -> TemplateValue {
        if let known = lock.withLock({ codeEntries[ExactText(code)] }) { return known }
        let entry = make()
        lock.withLock { codeEntries[ExactText(code)] = entry }
        return entry
    }

    /// ``CodeSummary/firstSentence(ofHTML:)`` of a description, worked out once.
    func summary(ofDescription html: String) -> String? {
        if let known = lock.withLock({ summaries[ExactText(html)] }) { return known }
        let summary = CodeSummary.firstSentence(ofHTML: html)
        lock.withLock { summaries[ExactText(html)] = .some(summary) }
        return summary
    }

    /// The search index's entries as last made.
    var searchEntries: SearchEntries? {
        get { lock.withLock { keptSearchEntries } }
        set { lock.withLock { keptSearchEntries = newValue } }
    }

    /// The search index as last made, with what it was made from but the model. The
    /// generator that made it brings it up to date in place.
    final class SearchEntries: @unchecked Sendable {
        let codeAddresses: [String: String]
        /// The codes with an entry, sorted, and the summary each one's entry shows.
        let names: [String]
        var summaries: [String?]
        /// The ``SiteMap/summariesVersion`` of the map the summaries are those of.
        var summariesVersion: Int
        /// The search index's file, and where each entry starts in it.
        var file: [UInt8]
        var offsets: [Int]

        init(
            codeAddresses: [String: String], names: [String], summaries: [String?], summariesVersion: Int,
            file: [UInt8], offsets: [Int]
        ) {
            (self.codeAddresses, self.names, self.summaries) = (codeAddresses, names, summaries)
            (self.summariesVersion, self.file, self.offsets) = (summariesVersion, file, offsets)
        }

        /// Where entry `index` ends in the file: before the `,\n` that parts it from the
        /// next, or the `\n];\n` that closes the list.
        func end(of index: Int) -> Int {
            index + 1 < offsets.count ? offsets[index + 1] - 2 : file.count - 4
        }

        /// The place of `code` among the ``names``.
        func index(of code: String) -> Int? {
            var (low, high) = (0, names.count)
            while low < high {
                let middle = (low + high) / 2
                if names[middle] < code { low = middle + 1 } else { high = middle }
            }
            return low < names.count && names[low] == code ? low : nil
        }
    }

    /// A code section of a page as last rendered, with what it was rendered from.
    struct RenderedSection {
        let section: CodeSection
        let level: Int
        let shortRoute: String?
        let rendered: Section

        /// Whether `section`, at `level` and with `shortRoute`, is this one: the very
        /// section object kept from the last parse, at the same level and short address.
        /// It is what lets a page of thousands of sections skip the look-up of each in the
        /// cache; any other section is looked up there (by its ``SectionKey``).
        func renders(_ other: CodeSection, level: Int, shortRoute: String?) -> Bool {
            self.level == level && ExactText.sameBytes(self.shortRoute, shortRoute) && section.isSame(as: other)
        }
    }

    /// The code sections of the page at `route` as last rendered, in order.
    func body(on route: String) -> [RenderedSection]? {
        lock.withLock { bodies[route] }
    }

    func keepBody(_ sections: [RenderedSection], on route: String) {
        lock.withLock { bodies[route] = sections }
    }

    /// How many bytes the page at `route` was when last rendered: room to render it
    /// into at once, as it is mostly the same, instead of growing to it by copying.
    func outputSize(on route: String) -> Int? {
        lock.withLock { outputSizes[route] }
    }

    func noteOutputSize(_ size: Int, on route: String) {
        lock.withLock { outputSizes[route] = size }
    }

    /// The overview last kept for the page at `route`.
    func overview(on route: String) -> Overview? {
        lock.withLock { overviews[route] }
    }

    func keep(_ overview: Overview, on route: String) {
        lock.withLock { overviews[route] = overview }
    }

    /// Everything a code section's HTML is made from: equal only when every text has
    /// the same bytes (see ``ExactText``), hashed by the code, the level and the
    /// texts' lengths.
    struct SectionKey: Hashable, Sendable {
        let texts: [String]
        let level: Int

        init(of section: CodeSection, level: Int, shortRoute: String?) {
            var texts = [section.code, shortRoute ?? "\u{1}", section.descriptionHTML, section.sample?.text ?? "\u{1}"]
            for subsection in section.subsections {
                texts += [subsection.title, subsection.anchor, subsection.kind.rawValue, subsection.html]
            }
            (self.texts, self.level) = (texts, level)
        }

        static func == (first: SectionKey, second: SectionKey) -> Bool {
            first.level == second.level && first.texts.count == second.texts.count
                && zip(first.texts, second.texts).allSatisfy { ExactText.sameBytes($0, $1) }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(level)
            hasher.combine(texts.first)
            for text in texts { hasher.combine(text.utf8.count) }
        }
    }
}
