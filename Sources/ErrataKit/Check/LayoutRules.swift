/// Rule `layout`: the template that renders a page must exist, and must render the
/// page's code sections (error).
///
/// - a `layout` front matter value that names no template of the templates folder;
/// - a page with code sections whose layout (its `layout`, else `page`, or `list` for
///   an `_index.md`) does not render them: `layout: base` or `layout: 404` would
///   publish the page without a single section, while the overview, the short
///   addresses and `errors.json` all link to their anchors.
///
/// Reported at the `layout:` value, or for a default layout at the first code section.
struct LayoutRules {
    var layouts: PageLayouts

    func check(_ page: Page) -> Diagnostic? {
        let name = page.templateName
        let location = page.frontMatter.layoutPosition.map { SourceLocation(file: page.file, line: $0.line, column: $0.column) }
        guard layouts.names.contains(name) else {
            // The build refuses a missing default template before it reads any page.
            guard let location else { return nil }
            return Diagnostic(
                .error, .layout,
                "layout \"\(name)\" has no template; add \(name).mustache to the templates folder"
                    + (layouts.renderingCodeSections.isEmpty
                        ? "" : ", or use one of \(layouts.renderingCodeSections.sorted().joined(separator: ", "))"),
                at: location)
        }
        guard !layouts.renderingCodeSections.contains(name), let first = page.codeSections.first else { return nil }
        let candidates = layouts.renderingCodeSections.sorted()
        let advice = candidates.isEmpty
            ? "no template of the folder does; render `{{#body}}{{> body}}{{/body}}` in it, as page.mustache does"
            : "use a layout that does (\(candidates.joined(separator: ", ")))"
                + (location == nil ? ", or render `{{#body}}{{> body}}{{/body}}` in \(name).mustache" : "")
        return Diagnostic(
            .error, .layout,
            "the page has \(page.codeSections.count == 1 ? "a code section" : "\(page.codeSections.count) code sections") "
                + "(\(first.code) first), but its layout \"\(name)\" does not render code sections, so the site would "
                + "lose \(page.codeSections.count == 1 ? "it" : "them") while the overview links to \(page.codeSections.count == 1 ? "it" : "them"); \(advice)",
            at: location ?? first.location)
    }
}

/// What the checker knows of the templates folder: the layouts a page may name, and
/// which of them render a page's code sections (see
/// ``TemplateSet/layouts``).
public struct PageLayouts: Sendable, Hashable {
    /// Every template's name.
    public var names: Set<String>
    /// The templates that render the code sections of the page they render.
    public var renderingCodeSections: Set<String>

    public init(names: Set<String>, renderingCodeSections: Set<String>) {
        self.names = names
        self.renderingCodeSections = renderingCodeSections
    }
}
