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

extension TemplateLibrary {
    /// Whether rendering the template `template` may look up `name` in the context
    /// it is given: whether a tag in it, or in a template it can include or extend,
    /// names `name` first (`{{name}}`, `{{name.id}}`, `{{#name}}`, `{{^name}}`, a
    /// dynamic partial `{{>*name}}`), in any section, since Mustache finds a name in
    /// the enclosing values and then in the context. A dynamic partial or parent
    /// could include any template, so one that names something else makes the answer
    /// true as well; so does a walk longer than `budget` templates. False means the
    /// rendering is the same whatever the context holds under `name`.
    public func mayLookUp(_ name: String, from template: String, budget: Int = 10_000) -> Bool {
        var seen: Set<String> = [template], queue = [template], budget = budget
        while let next = queue.popLast() {
            budget -= 1
            guard budget >= 0 else { return true }
            guard let nodes = templates[next]?.nodes else { continue }
            var found = false
            func include(_ included: Template.TemplateName) {
                switch included {
                case .fixed(let fixed):
                    if seen.insert(fixed).inserted { queue.append(fixed) }
                case .dynamic:
                    found = true
                }
            }
            Self.walk(nodes) { node in
                switch node {
                case .text, .block:
                    break
                case .variable(let variable):
                    if variable.name.parts.first == name { found = true }
                case .section(let section):
                    if section.name.parts.first == name { found = true }
                case .partial(let partial):
                    include(partial.name)
                case .parent(let parent):
                    include(parent.name)
                }
            }
            if found { return true }
        }
        return false
    }

    /// Every node of `nodes`, and of the sections, blocks and parents' blocks in them.
    private static func walk(_ nodes: [Template.Node], _ visit: (Template.Node) -> Void) {
        for node in nodes {
            visit(node)
            switch node {
            case .section(let section): walk(section.nodes, visit)
            case .block(let block): walk(block.nodes, visit)
            case .parent(let parent): for block in parent.blocks.values { walk(block.nodes, visit) }
            case .text, .variable, .partial: break
            }
        }
    }
}
