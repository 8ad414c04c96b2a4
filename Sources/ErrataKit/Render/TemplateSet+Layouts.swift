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

    /// Whether the template `name` prints `body` › `code` › `rendered`.
    func rendersCodeSections(_ name: String) -> Bool {
        var walker = CodeSectionFinder(library: library)
        return walker.finds(inTemplate: name, sections: [], blocks: [:])
    }
}

/// Walks a template as rendering would, looking for `rendered` printed inside `code`
/// inside `body`. Each template is entered at most once on a path, so templates that
/// include each other end the walk instead of looping.
private struct CodeSectionFinder {
    let library: [String: Template]
    var entered: [String] = []

    static let path = ["body", "code", "rendered"]

    mutating func finds(inTemplate name: String, sections: [String], blocks: [String: [Template.Node]]) -> Bool {
        guard let template = library[name], !entered.contains(name), entered.count < 64 else { return false }
        entered.append(name)
        defer { entered.removeLast() }
        return finds(in: template.nodes, sections: sections, blocks: blocks)
    }

    mutating func finds(in nodes: [Template.Node], sections: [String], blocks: [String: [Template.Node]]) -> Bool {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .variable(let name, _, _):
                if Self.isSubsequence(Self.path, of: sections + name.parts) { return true }
            case .section(let name, let inverted, let children, _):
                // An inverted section renders only when its value is missing or empty.
                if !inverted, finds(in: children, sections: sections + name.parts, blocks: blocks) { return true }
            case .partial(let name, _, _):
                if finds(inTemplate: name, sections: sections, blocks: blocks) { return true }
            case .parent(let name, let overrides, _):
                // The outermost definition of a block wins.
                if finds(inTemplate: name, sections: sections, blocks: overrides.merging(blocks) { _, outer in outer }) {
                    return true
                }
            case .block(let name, let defaults):
                if finds(in: blocks[name] ?? defaults, sections: sections, blocks: blocks) { return true }
            }
        }
        return false
    }

    /// Whether `wanted` appears in `names` in order, not necessarily side by side, as
    /// Mustache finds a name in any enclosing section.
    static func isSubsequence(_ wanted: [String], of names: [String]) -> Bool {
        var rest = wanted[...]
        for name in names where name == rest.first {
            rest = rest.dropFirst()
            if rest.isEmpty { return true }
        }
        return false
    }
}
