import Mustache

extension TemplateSet {
    /// The layouts of the folder, and which of them render a page's code sections.
    ///
    /// Each code section reaches a page's template pre-rendered, as `rendered` in the
    /// `code` item of the `body` list. A template renders code sections when — with
    /// its partials included and the template it extends (`{{<base}}`) filled with its
    /// blocks — it prints `rendered` inside `{{#code}}` inside `{{#body}}` (or names
    /// `code.rendered` there), as `page` and `list` do through the `body` partial.
    /// `base` and `404` do not.
    public var layouts: PageLayouts {
        PageLayouts(names: names, renderingCodeSections: Set(names.filter(rendersCodeSections)))
    }

    /// Whether the template `name` prints `body` › `code` › `rendered`, as Mustache
    /// finds a name in any enclosing section: the three in order, not necessarily side
    /// by side.
    func rendersCodeSections(_ name: String) -> Bool {
        library.printedNames(from: name).contains { Self.isSubsequence(["body", "code", "rendered"], of: $0) }
    }

    static func isSubsequence(_ wanted: [String], of names: [String]) -> Bool {
        var rest = wanted[...]
        for name in names where name == rest.first {
            rest = rest.dropFirst()
            if rest.isEmpty { return true }
        }
        return false
    }
}
