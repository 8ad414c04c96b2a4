import Foundation
import Testing
@testable import ErrataKit

/// The preview's model file: its problems stop a rebuild, each at its line and column.
@Suite struct LiveSiteModelTests {
    @Test func everyProblemOfTheModelFileStopsTheBuildAtItsPlace() throws {
        let sandbox = try LiveSiteTests.Sandbox()
        let model = sandbox.root.appendingPathComponent("model.json")
        try Data("""
            {"types": [], "codes": [
              {"code": "A", "type": "T", "http_status": 99},
              {"code": "B", "typ": "T"}
            ]}
            """.utf8).write(to: model)
        let site = LiveSite(configuration: .init(content: sandbox.content, templates: sandbox.templates, model: model))
        guard case .failed(let diagnostics) = site.buildAll() else {
            Issue.record("a model file with problems must fail the preview's build")
            return
        }
        #expect(diagnostics.map(\.rule) == [.modelFile, .modelFile])
        #expect(diagnostics.map { [$0.location.line, $0.location.column] } == [[2, 45], [3, 17]])
        #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("model.json") })
    }
}
