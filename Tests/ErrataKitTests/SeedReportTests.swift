import Foundation
import Testing
@testable import ErrataKit

/// The company's first error page, copied unchanged, checked as real input.
@Suite struct SeedReportTests {
    static func report() throws -> Pipeline.Report {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Pipeline(catalog: .concentrix).check(content: fixtures.appendingPathComponent("seed"))
    }

    static func findings(_ rule: RuleID, in report: Pipeline.Report) -> [(line: Int, column: Int, message: String)] {
        report.diagnostics.filter { $0.rule == rule }.map { ($0.location.line, $0.location.column, $0.message) }
    }

    @Test func namesTheTableRowsThatHaveNoSection() throws {
        let report = try Self.report()
        let mismatches = Self.findings(.overviewMismatch, in: report)
        let rowsWithoutSection = mismatches.filter { $0.message.contains("no page has a section") }
        #expect(rowsWithoutSection.map(\.line) == [20, 23])
        #expect(rowsWithoutSection[0].message.hasPrefix("INSUFFICIENT_CREDENTIALS is in the overview table"))
        #expect(rowsWithoutSection[1].message.hasPrefix("INVALID_CREDENTIALS is in the overview table"))
        #expect(report.diagnostics.filter { $0.rule == .overviewMismatch }.allSatisfy { $0.severity == .error })
    }

    @Test func namesTheDocumentedCodesTheTableOmits() throws {
        let omitted = Self.findings(.overviewMismatch, in: try Self.report()).filter { $0.message.contains("missing from the overview table") }
        #expect(omitted.map { String($0.message.prefix { $0 != " " }) } == ["INCOMPATIBLE_API_VERSION", "INVALID_ACCOUNT_NUMBER"])
        // Both point at the table, which starts on line 10.
        #expect(omitted.allSatisfy { $0.line == 10 && $0.column == 1 })
    }

    @Test func namesTheEmptyInstitutionSections() throws {
        let report = try Self.report()
        let empty = report.diagnostics.filter { $0.rule == .emptySection }
        #expect(empty.map(\.location.line) == [96, 98, 100])
        #expect(empty.map { String($0.message.prefix { $0 != " " }) }
            == ["INSTITUTION_DOWN", "INSTITUTION_NO_LONGER_SUPPORTED", "INSTITUTION_NOT_AVAILABLE"])
        #expect(empty.allSatisfy { $0.severity == .warning })
    }

    @Test func findsNothingElseWrongWithItsDocumentedCodes() throws {
        let report = try Self.report()
        let rules = Set(report.diagnostics.map(\.rule))
        // The seed's samples agree with the model, its rowspans match, and it reads
        // "Troubleshoot steps" as "Troubleshooting steps".
        #expect(rules.isDisjoint(with: [
            .unknownCode, .wrongType, .duplicateCode, .invalidJSON, .sampleSchema, .sampleCodeMismatch,
            .sampleTypeMismatch, .sampleStatusMismatch, .missingStatus, .sampleMessageMismatch, .frontMatter,
        ]))
        #expect(!report.diagnostics.contains { $0.message.contains("rowspan") })
        let page = try #require(report.pages.first)
        #expect(page.codeSections.first { $0.code == "INSTANT_MATCH_FAILED" }?.subsections.map(\.kind)
            == [.commonCauses, .troubleshooting])
    }
}
