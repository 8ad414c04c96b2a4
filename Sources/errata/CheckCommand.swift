import ArgumentParser
import ErrataKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the docs against the model, writing nothing.",
        discussion: """
            Runs every rule of errata build and prints the findings. Exit status: 0 no errors \
            (warnings allowed, unless --strict), 1 findings that fail, 2 usage or I/O failure.
            """
    )

    @Option(help: ArgumentHelp("The folder of Markdown pages (default: Content, or the project file's).", valueName: "DIR"))
    var content: String?

    /// Each page's layout is checked against these templates.
    @OptionGroup var templateOptions: TemplateOptions

    @OptionGroup var modelOptions: ModelOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: ArgumentHelp("How to print the findings: text, json, github (workflow commands) or sarif.", valueName: "FORMAT"))
    var format: DiagnosticReport.Format = .text

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The address the site is served from; absolute links under it are checked as links inside the site.",
        valueName: "URL"))
    var baseURL: String?

    func run() throws {
        Allocator.mapLargeBlocksSeparately()
        let project = Project.load()
        let (catalog, modelSource) = try modelOptions.catalog(in: project)
        let report: Pipeline.Report
        do {
            report = try Pipeline(catalog: catalog, modelSource: modelSource).check(
                content: project.path(content, \.content, default: "Content"), baseURL: project.baseURL(baseURL),
                layouts: try templateOptions.load(in: project).layouts, forPublishing: false)
        } catch {
            // What is wrong with the project file may be why the folders are not found.
            if !project.diagnostics.isEmpty { Terminal.report(project.diagnostics) }
            Terminal.error("\(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        var diagnostics = (project.diagnostics + report.diagnostics).sorted()
        if strict {
            diagnostics = diagnostics.map { var strict = $0; strict.severity = .error; return strict }
        }
        let output = DiagnosticReport(diagnostics: diagnostics, pageCount: report.pages.count)
        let lines = SourceLines()
        Terminal.print(output.formatted(
            as: format, quoteSource: format == .text && isatty(STDOUT_FILENO) != 0, sourceLine: lines.line))
        if diagnostics.hasErrors { throw ExitStatus.contentErrors.exitCode }
    }
}

extension DiagnosticReport.Format: ExpressibleByArgument {}

/// Source lines for quoting under diagnostics, each file read once.
final class SourceLines {
    private var files: [String: [Substring]] = [:]

    func line(_ file: String, _ number: Int) -> String? {
        if files[file] == nil {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            files[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[file], number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1].trimmingSuffix("\r"))
    }
}

private extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring { hasSuffix(suffix) ? dropLast(suffix.count) : self }
}
