import Foundation
import Mustache
import Testing

/// The Mustache specification's own suite (mustache/spec, in
/// `../shared/conformance/mustache-spec/`), run in the lenient mode the specification
/// describes. Every file counts, optional modules included; only lambdas are
/// skipped, since they need code in the data.
struct MustacheSpecTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var name: String
        var template: String
        var partials: [String: String]
        var data: TemplateValue
        var expected: String

        var testDescription: String { "\(file): \(name)" }
    }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/mustache-spec").standardizedFileURL

    /// Files whose tests need code in the data.
    static let skippedFiles: Set<String> = ["~lambdas.json"]

    static func specFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    /// One spec file, as JSON.
    struct SpecFile: Decodable {
        struct Test: Decodable {
            var name: String
            var template: String
            var partials: [String: String]?
            var data: JSONValue
            var expected: String
        }

        var tests: [Test]
    }

    /// JSON as the engine's values: numbers with a fraction as decimals.
    struct JSONValue: Decodable {
        var value: TemplateValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .none
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let integer = try? container.decode(Int.self) {
                value = .number(integer)
            } else if let decimal = try? container.decode(Double.self) {
                value = .decimal(decimal)
            } else if let text = try? container.decode(String.self) {
                value = .string(text)
            } else if let list = try? container.decode([JSONValue].self) {
                value = .list(list.map(\.value))
            } else {
                value = .object(try container.decode([String: JSONValue].self).mapValues(\.value))
            }
        }
    }

    static func cases(in file: String) -> [Case] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
            let spec = try? JSONDecoder().decode(SpecFile.self, from: data)
        else { return [] }
        return spec.tests.map { test in
            Case(
                file: file, name: test.name, template: test.template, partials: test.partials ?? [:],
                data: test.data.value, expected: test.expected)
        }
    }

    static let allCases: [Case] = specFiles().filter { !skippedFiles.contains($0) }.flatMap(cases(in:))

    static func render(_ test: Case) -> Result<String, MustacheError> {
        Result { () throws(MustacheError) -> String in
            var templates: [String: Template] = [:]
            for (name, text) in test.partials { templates[name] = try Template(text, file: "\(name).mustache") }
            let library = TemplateLibrary(templates)
            let bytes = try library.render(Template(test.template, file: "template.mustache"), with: test.data)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func theSuiteIsThere() {
        #expect(Self.specFiles().count >= 9, "the Mustache spec is read from \(Self.folder.path)")
        #expect(Self.allCases.count >= 180)
    }

    @Test(arguments: allCases)
    func specCase(_ test: Case) {
        switch Self.render(test) {
        case .success(let output):
            #expect(output == test.expected, "\(test.file): \(test.name)\ntemplate: \(test.template.debugDescription)")
        case .failure(let error):
            Issue.record("\(test.file): \(test.name): \(error)")
        }
    }

    /// Prints, per file: total, passed, failed, skipped.
    @Test func summary() {
        func row(_ name: String, _ counts: [Int]) -> String {
            name.padding(toLength: 21, withPad: " ", startingAt: 0)
                + zip(counts, [6, 7, 7, 8]).map { String(repeating: " ", count: max(0, $1 - "\($0)".count)) + "\($0)" }.joined()
        }
        var lines = [row("file", []) + "  total passed failed skipped"]
        var totals = (0, 0, 0, 0)
        for file in Self.specFiles() {
            let cases = Self.cases(in: file)
            let skipped = Self.skippedFiles.contains(file) ? cases.count : 0
            let passed = skipped > 0 ? 0 : cases.filter { (try? Self.render($0).get()) == $0.expected }.count
            let failed = cases.count - skipped - passed
            totals = (totals.0 + cases.count, totals.1 + passed, totals.2 + failed, totals.3 + skipped)
            lines.append(row(file, [cases.count, passed, failed, skipped]))
        }
        lines.append(row("all", [totals.0, totals.1, totals.2, totals.3]))
        print("Mustache spec (lenient mode):\n" + lines.joined(separator: "\n"))
        #expect(totals.2 == 0)
    }
}
