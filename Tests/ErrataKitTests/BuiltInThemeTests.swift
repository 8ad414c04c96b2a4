import Foundation
import Testing
@testable import ErrataKit

/// The theme built into the binary is the repository's `Templates/`, byte for byte.
/// `ERRATA_UPDATE_THEME=1 swift test --filter BuiltInThemeTests` rewrites
/// `Sources/ErrataKit/Load/BuiltInTheme+Files.swift` from the folder (then rebuild).
struct BuiltInThemeTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Templates")
    static let generated = repository.appendingPathComponent("Sources/ErrataKit/Load/BuiltInTheme+Files.swift")

    /// The folder's files, as the theme holds them: templates and assets, hidden files aside.
    static func folderFiles() throws -> [(path: String, bytes: [UInt8])] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [(path: String, bytes: [UInt8])] = []
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            guard TemplateFolder.kind(of: path) != nil else { continue }
            files.append((path, [UInt8](try Data(contentsOf: url))))
        }
        return files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    static func source(of files: [(path: String, bytes: [UInt8])]) -> String {
        var lines = [
            "// The built-in theme: Templates/ as base64, written by BuiltInThemeTests",
            "// (ERRATA_UPDATE_THEME=1 swift test --filter BuiltInThemeTests). Do not edit by hand.",
            "extension BuiltInTheme {",
            "    /// Each file's path in the theme and its bytes in base64.",
            "    static let encodedFiles: [String: String] = [",
        ]
        for file in files { lines.append("        \"\(file.path)\": \"\(Data(file.bytes).base64EncodedString())\",") }
        lines += ["    ]", "}", ""]
        return lines.joined(separator: "\n")
    }

    @Test func theBuiltInThemeIsTheTemplatesFolder() throws {
        let files = try Self.folderFiles()
        if ProcessInfo.processInfo.environment["ERRATA_UPDATE_THEME"] == "1" {
            try Data(Self.source(of: files).utf8).write(to: Self.generated)
        }
        let builtIn = BuiltInTheme.files
        #expect(builtIn.map(\.path) == files.map(\.path), "run ERRATA_UPDATE_THEME=1 swift test --filter BuiltInThemeTests")
        for (mine, theirs) in zip(builtIn, files) where mine.path == theirs.path {
            #expect(mine.bytes == theirs.bytes, "\(mine.path) differs from Templates/\(theirs.path); run ERRATA_UPDATE_THEME=1 swift test --filter BuiltInThemeTests")
        }
    }

    @Test func theBuiltInThemeRendersTheSiteTheFolderDoes() throws {
        let report = try Pipeline(catalog: .concentrix).check(content: Self.repository.appendingPathComponent("Content"))
        let fromFolder = try SiteRenderer(catalog: .concentrix, templates: try TemplateSet.load(from: Self.folder)).render(report.pages)
        let builtIn = try SiteRenderer(catalog: .concentrix, templates: try TemplateSet.builtIn()).render(report.pages)
        #expect(fromFolder.sorted { $0.path < $1.path } == builtIn.sorted { $0.path < $1.path })
    }

    @Test func copyingTheThemeOutRefusesToReplaceAFile() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("errata-theme-\(UUID())")
        defer { try? FileManager.default.removeItem(at: target) }
        try BuiltInTheme.write(to: target)
        for file in BuiltInTheme.files {
            #expect(FileManager.default.contents(atPath: target.appendingPathComponent(file.path).path) == Data(file.bytes))
        }
        try Data("mine".utf8).write(to: target.appendingPathComponent("page.mustache"))
        #expect(throws: LoadError.self) { try BuiltInTheme.write(to: target) }
        #expect(try String(contentsOf: target.appendingPathComponent("page.mustache"), encoding: .utf8) == "mine")
    }
}
