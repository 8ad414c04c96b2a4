import Foundation
import Testing
@testable import ErrataKit

/// Pages the fuzzer (`Scripts/fuzz.sh`) found trouble with, saved under `Fixtures/fuzz/`,
/// parsed and checked as the page they were found as (`Content/docs/errors/item.md`).
@Suite struct FuzzRegressionTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
        .appendingPathComponent("fuzz", isDirectory: true)

    /// The saved input `name`, parsed.
    static func page(_ name: String) throws -> Page {
        let url = try #require(folder?.appendingPathComponent(name))
        let file = SourceFile(
            displayPath: "Content/docs/errors/item.md", contentPath: "docs/errors/item.md",
            bytes: Array(try Data(contentsOf: url)))
        return try #require(PageParser(catalog: .concentrix).parse(file).page)
    }

    static func page(text: String) -> Page {
        PageParser(catalog: .concentrix).parse(text, file: "Content/docs/errors/item.md", contentPath: "docs/errors/item.md").0
    }

    /// 500 headings and 500 links to anchors the page lacks: each link's "did you
    /// mean" was searched among all the page's anchors, and the check took 11 s under
    /// the fuzzer (a minute for twice as many). Every link is still reported; the
    /// suggestions stop when the page's budget is spent.
    @Test(.timeLimit(.minutes(1))) func brokenAnchorsShareOneSuggestionBudget() throws {
        let page = try Self.page("broken-anchors-quadratic.md")
        let broken = Checker(catalog: .concentrix).check([page]).filter { $0.rule == .brokenAnchor }
        #expect(broken.count == 500)
        #expect(broken.first?.message.contains("did you mean #h0?") == true)
        #expect(broken.last?.message.contains("did you mean") == false)
    }

    /// Candidates at the same distance: the suggestion was the first of a `Set`, so it
    /// changed from run to run. Now the first in sorted order wins.
    @Test func aSuggestionDoesNotDependOnHashing() {
        let page = Self.page(text: (1...9).map { "## a\($0)\n\n" }.joined() + "[x](#a0)\n")
        let messages = Checker(catalog: .concentrix).check([page]).filter { $0.rule == .brokenAnchor }.map(\.message)
        #expect(messages == ["#a0 points to #a0, which /docs/errors/item/ does not have; did you mean #a1?"])
    }

    /// 5,000 headings "a": each new one tried a-2, a-3, … from the start.
    @Test(.timeLimit(.minutes(1))) func equalHeadingsGetNumberedAnchorsInLinearTime() throws {
        let page = try Self.page("duplicate-headings-quadratic.md")
        let anchors = page.blocks.compactMap { block -> String? in
            if case .heading(let heading) = block { heading.anchor } else { nil }
        }
        #expect(anchors.count == 5000)
        #expect(Array(anchors.prefix(3)) == ["a", "a-2", "a-3"])
        #expect(anchors.last == "a-5000")
        #expect(Set(anchors).count == 5000)
    }

    /// 26,000 paragraphs before any heading: each was added to a copy of the lead so far.
    @Test(.timeLimit(.minutes(1))) func aLongLeadIsOneBlockBuiltInLinearTime() throws {
        let page = try Self.page("lead-blocks-quadratic.md")
        guard case .html(let lead)? = page.blocks.first else {
            Issue.record("the lead must be one HTML block")
            return
        }
        #expect(page.blocks.count == 1)
        #expect(lead.components(separatedBy: "<p>a</p>").count - 1 == 26_000)
    }

    /// 24,000 paragraphs in one code section: each was added to a copy of the description.
    @Test(.timeLimit(.minutes(1))) func aLongDescriptionIsBuiltInLinearTime() throws {
        let page = try Self.page("description-blocks-quadratic.md")
        let section = try #require(page.codeSections.first)
        #expect(section.code == "ACCESS_NOT_GRANTED")
        #expect(section.descriptionHTML.components(separatedBy: "<p>a</p>").count - 1 == 24_000)
    }
}
