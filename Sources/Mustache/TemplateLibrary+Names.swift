extension TemplateLibrary {
    /// The names that rendering the template `name` may print, each with the names of
    /// the sections around it: `["body", "code", "rendered"]` for `{{rendered}}`
    /// inside `{{#code}}` inside `{{#body}}` (dotted names count part by part). The
    /// walk follows partials and parents with the blocks they are given, skips
    /// inverted sections (they render only when their value is missing or empty), and
    /// enters each template at most once on a path, so templates that include each
    /// other end the walk instead of looping. Dynamic partials are not followed, and
    /// the walk stops after `budget` templates entered, so that templates including
    /// each other many times over cost bounded time.
    public func printedNames(from name: String, budget: Int = 10_000) -> Set<[String]> {
        var walker = NameWalker(library: self, budget: budget)
        walker.visit(template: name, sections: [], blocks: [:])
        return walker.found
    }
}

private struct NameWalker {
    let library: TemplateLibrary
    var budget: Int
    var entered: [String] = []
    var found: Set<[String]> = []

    mutating func visit(template name: String, sections: [String], blocks: [String: [Template.Node]]) {
        guard budget > 0, let template = library.templates[name], !entered.contains(name), entered.count < 64 else { return }
        budget -= 1
        entered.append(name)
        defer { entered.removeLast() }
        visit(template.nodes, sections: sections, blocks: blocks)
    }

    mutating func visit(_ nodes: [Template.Node], sections: [String], blocks: [String: [Template.Node]]) {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .variable(let variable):
                found.insert(sections + variable.name.parts)
            case .section(let section):
                if !section.inverted { visit(section.nodes, sections: sections + section.name.parts, blocks: blocks) }
            case .partial(let partial):
                if case .fixed(let name) = partial.name { visit(template: name, sections: sections, blocks: blocks) }
            case .parent(let parent):
                guard case .fixed(let name) = parent.name else { continue }
                // The outermost definition of a block wins.
                let given = parent.blocks.mapValues(\.nodes).merging(blocks) { _, outer in outer }
                visit(template: name, sections: sections, blocks: given)
            case .block(let block):
                visit(blocks[block.name] ?? block.nodes, sections: sections, blocks: blocks)
            }
        }
    }
}
