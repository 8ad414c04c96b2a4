import ArgumentParser
import ErrataKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the docs against the model and build the static site.",
        discussion: """
            Writes the pages, the assets under fingerprinted names, a search index, a short \
            address per code (docs/errors/CODE/), errors.json, 404.html, an index.html at \
            the root when the content has none, and with --base-url a sitemap.xml. \
            Exit status: 0 built (warnings allowed), 1 the docs disagree with the model \
            (the output folder is left as it was), 2 usage or I/O failure.
            """
    )

    @Option(help: ArgumentHelp("The folder of Markdown pages (default: Content, or the project file's).", valueName: "DIR"))
    var content: String?

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: ArgumentHelp(
        "The folder the site is written to; replaced on success (default: public, or the project file's).", valueName: "DIR"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The address the site is served from: pages get canonical links and the site a sitemap.xml. "
            + "Without it every link is relative and there is no sitemap.",
        valueName: "URL"))
    var baseURL: String?

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        Allocator.mapLargeBlocksSeparately()
        let start = ContinuousClock.now
        let project = Project.load()
        try project.requireValid()
        let contentFolder = project.path(content, \.content, default: "Content")
        let outputFolder = project.path(output, \.output, default: "public")
        let output = DisplayPath.of(outputFolder)
        let templatesFolder = templateOptions.folder(in: project)
        // Refuse an --output the build must not replace before doing any work: one that
        // is or holds an input, a link that leads nowhere, a mount point, someone else's folder.
        var inputs: [OutputGuard.Protected] = [.init(contentFolder, role: "the content folder")]
        if let templatesFolder { inputs.append(.init(templatesFolder, role: "the templates folder")) }
        if let model = project.optionalPath(modelOptions.model, \.model) { inputs.append(.init(model, role: "the model file")) }
        if let file = project.file?.file { inputs.append(.init(file, role: "the project file")) }
        let outputGuard = OutputGuard(protecting: inputs)
        do {
            try SiteWriter(output: outputFolder, guard: outputGuard).prepare().forEach { Terminal.error("\($0)") }
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        let (catalog, modelSource) = try modelOptions.catalog(in: project)
        let base: BaseURL?
        do {
            base = try project.baseURL(baseURL).map { text throws(BaseURLError) in try BaseURL(text) }
        } catch {
            Terminal.error("errata: \(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        let pipeline = Pipeline(catalog: catalog, modelSource: modelSource)
        let report: Pipeline.Report
        let templateSet: TemplateSet
        do {
            templateSet = try TemplateSet.load(fromFolderOrBuiltIn: templatesFolder)
            report = try pipeline.check(
                content: contentFolder, baseURL: base?.string, layouts: templateSet.layouts,
                wholePagesBudget: Pipeline.wholePagesBudget)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        Terminal.report(report.diagnostics)
        let diagnostics = report.diagnostics
        let codes = report.pages.reduce(0) { $0 + $1.codeSections.count }
        let counts = "\(Terminal.count(report.pages.count, "page")), \(Terminal.count(codes, "code"))"
        guard !diagnostics.hasErrors else {
            Terminal.error("errata: build failed: \(Terminal.count(diagnostics.errorCount, "error")), "
                + "\(Terminal.count(diagnostics.warningCount, "warning")) in \(counts); \(output)/ left unchanged")
            throw ExitStatus.contentErrors.exitCode
        }
        let interruption = Interruption.catching()
        let warnings: [WriteWarning]
        do {
            warnings = try pipeline.publish(
                consume report, templates: templateSet, baseURL: base, identity: SiteIdentity(project.file), to: outputFolder,
                guard: outputGuard, isCancelled: interruption.isRequested)
        } catch let error as WriteError where error.isInterruption {
            Terminal.error("errata: build interrupted; \(output)/ left unchanged")
            throw ExitCode(Interruption.exitStatus)
        } catch RenderError.conflict(let conflict) {
            // Like a content error: the pages and the model together cannot be published.
            Terminal.error("\(conflict)")
            Terminal.error("errata: build failed: \(counts); \(output)/ left unchanged")
            throw ExitStatus.contentErrors.exitCode
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        warnings.forEach { Terminal.error("\($0)") }
        let elapsed = ContinuousClock.now - start
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        Terminal.error("errata: built \(counts), \(Terminal.count(diagnostics.warningCount, "warning")) "
            + "in \(milliseconds) ms into \(output)/")
    }
}
