import Foundation
import Testing
@testable import ErrataKit

/// The preview rebuilds only what an edit touched (the sections that changed, the
/// pages that show them, the search index's name elsewhere); whatever it skips,
/// every published file must be byte for byte what a build from scratch of the same
/// files gives. Random edits of the real content: words in descriptions (which the
/// overview and search index show) and elsewhere, sections added, removed, renamed,
/// broken and fixed, sub-sections emptied and filled, lines added, reference
/// definitions, pages moved.
@Suite struct IncrementalBuildTests {
    typealias Sandbox = LiveSiteTests.Sandbox

    /// With a base URL, the links of 404.html and the sitemap are absolute.
    @Test(arguments: [(1, nil), (2, nil), (3, nil), (4, "https://docs.example.com/api/")] as [(UInt64, String?)])
    func randomEditsRebuildAsABuildFromScratch(seed: UInt64, baseURL: String?) throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let site = sandbox.site(baseURL: baseURL)
        // The site as a server that takes only `changedFiles` from each build has it.
        guard case .built(var served, _, _, _) = site.buildAll() else {
            Issue.record("the real content builds")
            return
        }
        var generator = SeededGenerator(seed: seed)
        var pages = ["item.md", "institution.md", "invalid-input.md", "invalid-request.md"]
        var built = 0
        var lastFailed: (index: Int, text: String)?
        for round in 0..<60 {
            let index = lastFailed?.index ?? Int(generator.next() % UInt64(pages.count))
            let name = pages[index]
            let relative = "Content/docs/errors/" + name
            var changed: Set<String> = [sandbox.root.appendingPathComponent(relative).path]
            let edit = lastFailed == nil ? Int(generator.next() % 11) : -1
            let before = try String(contentsOf: sandbox.root.appendingPathComponent(relative), encoding: .utf8)
            if let fixed = lastFailed?.text {
                // The writer fixes what failed: the page as it was before.
                _ = try sandbox.edit(relative) { _ in fixed }
            } else if edit == 10 {
                // The page moves: its old path goes, its new one comes.
                let moved = name.hasPrefix("moved-") ? String(name.dropFirst(6)) : "moved-" + name
                let to = sandbox.root.appendingPathComponent("Content/docs/errors/" + moved)
                try FileManager.default.moveItem(at: sandbox.root.appendingPathComponent(relative), to: to)
                changed.insert(to.path)
                pages[index] = moved
            } else {
                _ = try sandbox.edit(relative) { Self.apply(edit, to: $0, using: &generator) }
            }
            let incremental = site.update(changed)
            let scratch = sandbox.site(baseURL: baseURL).buildAll()
            let (a, b) = (Self.summary(incremental), Self.summary(scratch))
            #expect(a == b, "round \(round), edit \(edit) of \(pages[index]): the rebuild differs from a build from scratch")
            if a != b { break }
            if case .built(let files, _, _, _) = incremental {
                if let changed = site.changedFiles {
                    for path in changed { served[path] = files[path] }
                } else {
                    served = files
                }
                #expect(served == files, "round \(round): the files named as changed are not all that changed")
                built += 1
                lastFailed = nil
            } else {
                lastFailed = lastFailed == nil ? (index, before) : nil
            }
        }
        #expect(built > 10, "most rounds build a site")
    }

    /// Text that changes only its Unicode normalisation (é as one scalar, then as e and
    /// a combining accent, then back) is another text: Swift's `==` takes the two for
    /// equal, the published bytes differ.
    @Test func aChangeOfNormalisationRebuildsAsABuildFromScratch() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let site = try Self.builtSite(in: sandbox)
        let relative = "Content/docs/errors/item.md"
        let original = try String(contentsOf: sandbox.root.appendingPathComponent(relative), encoding: .utf8)
        let marker = "\n### "
        let heading = try #require(original.range(of: marker))
        let lineEnd = try #require(original[heading.upperBound...].firstIndex(of: "\n"))
        for (round, word) in ["Caf\u{E9}", "Cafe\u{301}", "Caf\u{E9}", "Cafe\u{301}"].enumerated() {
            // The word starts the first code's description (its summary), is in the page's
            // title (which every page's navigation shows) and in a heading (its anchor),
            // and ends the page.
            var text = original
            text.insert(contentsOf: "\n\(word) first. Then more.\n", at: text.index(after: lineEnd))
            text = text.replacingOccurrences(of: "title: Item errors", with: "title: Item errors \(word)")
            text += "\n## \(word) notes\n\n\(word)\n"
            _ = try sandbox.edit(relative) { _ in text }
            let incremental = site.update([sandbox.root.appendingPathComponent(relative).path])
            let scratch = sandbox.site(baseURL: nil).buildAll()
            let differing = Self.differingFiles(incremental, scratch)
            #expect(differing.isEmpty, "round \(round), \(word.unicodeScalars.count) scalars: \(differing) differ")
        }
    }

    /// A page edited into a failing build, then another page edited: the second build
    /// must take in the first page's edit too (its summary, its anchors), though only
    /// the second page is named as changed; then the first page is fixed.
    @Test func anEditThatFailedIsTakenInByTheNextBuild() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let site = try Self.builtSite(in: sandbox)
        let (failing, other) = ("Content/docs/errors/item.md", "Content/docs/errors/institution.md")
        func path(_ relative: String) -> String { sandbox.root.appendingPathComponent(relative).path }
        // The first code's summary changes, a heading (an anchor) comes, and an unknown
        // code fails the check.
        _ = try sandbox.edit(failing) { text in
            var lines = text.components(separatedBy: "\n")
            let heading = lines.firstIndex { $0.hasPrefix("### ") } ?? 0
            let description = (heading + 1..<lines.count).first { !lines[$0].isEmpty } ?? heading
            lines[description] = "Renamed summary first. " + lines[description]
            lines += ["", "## A new heading", "", "### NOT_IN_THE_MODEL", "", "Text.", ""]
            return lines.joined(separator: "\n")
        }
        guard case .failed = site.update([path(failing)]) else {
            Issue.record("an unknown code fails the build")
            return
        }
        _ = try sandbox.edit(other) { $0 + "\nMore text.\n" }
        var steps = [("the other page edited", site.update([path(other)]), sandbox.site(baseURL: nil).buildAll())]
        #expect(steps.allSatisfy { if case .failed = $0.1 { true } else { false } }, "the unknown code still fails")
        _ = try sandbox.edit(failing) { $0.replacingOccurrences(of: "### NOT_IN_THE_MODEL\n\nText.\n", with: "") }
        steps.append(("the failing page fixed", site.update([path(failing)]), sandbox.site(baseURL: nil).buildAll()))
        _ = try sandbox.edit(other) { $0 + "\nEven more text.\n" }
        steps.append(("the other page edited again", site.update([path(other)]), sandbox.site(baseURL: nil).buildAll()))
        // A template changed while the content fails: once the content is fixed, every
        // page is rendered with the new template.
        _ = try sandbox.edit(failing) { $0 + "\n### NOT_IN_THE_MODEL\n\nText.\n" }
        _ = site.update([path(failing)])
        let base = sandbox.templates.appendingPathComponent("base.mustache").path
        try Data((try String(contentsOfFile: base, encoding: .utf8) + "<!-- edited -->\n").utf8).write(to: URL(fileURLWithPath: base))
        steps.append(("a template edited while a page fails", site.update([base]), sandbox.site(baseURL: nil).buildAll()))
        _ = try sandbox.edit(failing) { $0.replacingOccurrences(of: "\n### NOT_IN_THE_MODEL\n\nText.\n", with: "") }
        steps.append(("the page fixed after the template", site.update([path(failing)]), sandbox.site(baseURL: nil).buildAll()))
        #expect(steps.map { if case .built = $0.1 { true } else { false } } == [false, true, true, false, true])
        for (step, incremental, scratch) in steps {
            let differing = Self.differingFiles(incremental, scratch)
            #expect(differing.isEmpty, "\(step): \(differing.prefix(5)) differ")
        }
    }

    /// One of ten kinds of edit (the eleventh, a move, is the caller's) of a page's text.
    static func apply(_ edit: Int, to text: String, using generator: inout SeededGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        let codeLines = lines.indices.filter { lines[$0].hasPrefix("### ") }
        guard let heading = codeLines.isEmpty ? nil : codeLines[Int(generator.next() % UInt64(codeLines.count))] else {
            return text + "\nMore text.\n"
        }
        let descriptionLine = (heading + 1..<lines.count).first { !lines[$0].isEmpty } ?? heading
        switch edit {
        case 0:  // a word in a description, whose first sentence the overview shows
            lines[descriptionLine] = "Changed \(generator.next() % 1000). " + lines[descriptionLine]
        case 1:  // a word further down
            let line = min(descriptionLine + 6, lines.count - 1)
            lines[line] += " extra\(generator.next() % 1000)"
        case 2:  // a section added: a code the model lacks, which fails the check
            lines.insert(contentsOf: ["### NOT_IN_THE_MODEL", "", "Text.", ""], at: heading)
        case 3:  // a section removed
            let end = (heading + 1..<lines.count).first { lines[$0].hasPrefix("### ") || lines[$0].hasPrefix("## ") } ?? lines.count
            lines.removeSubrange(heading..<end)
        case 4:  // a section renamed (often to a duplicate or an unknown code), or back
            lines[heading] = lines[heading].hasSuffix("_X") ? String(lines[heading].dropLast(2)) : lines[heading] + "_X"
        case 5:  // broken: an unclosed fence swallows the rest of the page; or fixed
            if let fence = lines.firstIndex(of: "```broken") { lines.remove(at: fence) } else { lines.insert("```broken", at: heading) }
        case 6:  // lines added, moving every section after them
            lines.insert(contentsOf: ["", "A new paragraph.", ""], at: descriptionLine)
        case 7:  // a reference definition and a link that uses it, or both gone
            if let definition = lines.firstIndex(where: { $0.hasPrefix("[errata-ref]:") }) {
                lines.remove(at: definition)
            } else {
                lines[descriptionLine] += " See [the overview][errata-ref]."
                lines.append("[errata-ref]: ../#item_error")
            }
        case 8:  // a sub-section emptied (the page hides it), or given text again
            let end = (heading + 1..<lines.count).first { lines[$0].hasPrefix("### ") || lines[$0].hasPrefix("## ") } ?? lines.count
            guard let sub = (heading + 1..<end).first(where: { lines[$0].hasPrefix("#### ") }) else { break }
            let next = (sub + 1..<end).first { lines[$0].hasPrefix("#") } ?? end
            if lines[(sub + 1)..<next].contains(where: { !$0.isEmpty }) {
                lines.removeSubrange((sub + 1)..<next)
                lines.insert("", at: sub + 1)
            } else {
                lines.insert(contentsOf: ["", "Text again."], at: sub + 1)
            }
        case 9:  // a section copied to the end of the page: a duplicate
            let end = (heading + 1..<lines.count).first { lines[$0].hasPrefix("### ") || lines[$0].hasPrefix("## ") } ?? lines.count
            lines += [""] + lines[heading..<end]
        default:  // the section's heading level changes: a code becomes a sub-heading, or back
            lines[heading] = "#" + lines[heading]
        }
        return lines.joined(separator: "\n")
    }

    /// The preview of the real content in `sandbox`, built once.
    static func builtSite(in sandbox: Sandbox) throws -> LiveSite {
        let site = sandbox.site(baseURL: nil)
        guard case .built = site.buildAll() else {
            Issue.record("the real content builds")
            throw CancellationError()
        }
        return site
    }

    /// The paths (and `(warnings)` or `(errors)`) where two outcomes differ.
    static func differingFiles(_ first: LiveSite.Outcome, _ second: LiveSite.Outcome) -> [String] {
        let (a, b) = (summary(first), summary(second))
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// An outcome as comparable text: every file with its bytes, or the diagnostics.
    static func summary(_ outcome: LiveSite.Outcome) -> [String: [UInt8]] {
        switch outcome {
        case .built(let files, let warnings, _, _):
            var summary = files.all
            summary["(warnings)"] = Array(warnings.map(\.formatted).joined(separator: "\n").utf8)
            return summary
        case .failed(let diagnostics):
            return ["(errors)": Array(diagnostics.map(\.formatted).joined(separator: "\n").utf8)]
        }
    }
}
