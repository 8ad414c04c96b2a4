/// Checks hand-written overview tables: raw HTML `<table>`s in a page whose rows
/// link to error codes, grouped under a `rowspan` cell naming the type (the house
/// style's "Errors overview").
///
/// - `overview-mismatch`: the table lists a code no page documents; lists a code
///   under, or links it to, another type than the model gives it; omits a documented
///   code; or has a `rowspan` that does not match the rows of its group.
struct OverviewTableChecker {
    let catalog: Catalog
    /// Where each documented code's section is.
    let documented: [String: SourceLocation]

    func check(_ page: Page) -> [Diagnostic] {
        page.rawHTML.filter { $0.text.contains("<table") }.flatMap(check)
    }

    /// A run of rows under one `rowspan` cell.
    private struct Group {
        var title = ""
        var rowspan: (count: Int, location: SourceLocation)?
        var rows = 0
    }

    /// A code the table links to.
    private struct Entry {
        var code: String
        var href: String
        var location: SourceLocation
        var groupTitle: String
    }

    private func check(_ table: RawHTML) -> [Diagnostic] {
        var groups: [Group] = []
        var entries: [Entry] = []
        var link: String?
        var readingTitle = false
        for token in HTMLScanner.tokens(of: table.text) {
            switch token {
            case .startTag("tr", _, _):
                if groups.isEmpty { groups.append(Group()) }
                groups[groups.count - 1].rows += 1
            case .startTag(let name, _, _) where name == "td" || name == "th":
                guard let rowspan = token.attribute("rowspan"), !groups.isEmpty else { continue }
                // This row opens a new group: move it out of the previous one.
                groups[groups.count - 1].rows -= 1
                if groups[groups.count - 1].rows == 0, groups[groups.count - 1].rowspan == nil { groups.removeLast() }
                groups.append(Group(rowspan: (Int(rowspan.value) ?? 1, table.fileLocation(rowspan.position)), rows: 1))
                readingTitle = true
            case .endTag(let name, _) where name == "td" || name == "th":
                readingTitle = false
            case .startTag("a", _, _):
                link = token.attribute("href")?.value ?? ""
            case .endTag("a", _):
                link = nil
            case .text(let text, let position):
                let trimmed = text.trimmed
                if readingTitle, groups.last?.title.isEmpty == true {
                    groups[groups.count - 1].title = trimmed
                } else if let href = link, trimmed.isErrorCode {
                    entries.append(Entry(
                        code: trimmed, href: href, location: table.fileLocation(position),
                        groupTitle: groups.last?.title ?? ""))
                }
            default:
                break
            }
        }
        guard !entries.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for entry in entries {
            diagnostics += check(entry)
        }
        for group in groups {
            guard let (rowspan, location) = group.rowspan, rowspan != group.rows else { continue }

            diagnostics.append(Diagnostic(
                .error, .overviewMismatch,
                "the \(group.title.isEmpty ? "group" : "\"\(group.title)\"") cell spans \(rowspan) row\(rowspan == 1 ? "" : "s") "
                    + "but its group has \(group.rows); set rowspan=\"\(group.rows)\"",
                at: location))
        }
        let listed = Set(entries.map(\.code))
        for (code, location) in documented.sorted(by: { $0.key.alphabeticalKey < $1.key.alphabeticalKey }) where !listed.contains(code) {
            diagnostics.append(Diagnostic(
                .error, .overviewMismatch,
                "\(code) is documented (\(location)) but missing from the overview table; add a row for it",
                at: table.location))
        }
        return diagnostics
    }

    private func check(_ entry: Entry) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if documented[entry.code] == nil {
            diagnostics.append(Diagnostic(
                .error, .overviewMismatch,
                "\(entry.code) is in the overview table but no page has a section for it; "
                    + "add `### \(entry.code)` or remove its row",
                at: entry.location))
        }
        guard let code = catalog.code(named: entry.code), let type = catalog.type(withID: code.type) else {
            return diagnostics
        }
        if let listedType = catalog.types.first(where: { entry.groupTitle.lowercased().hasPrefix($0.title.lowercased()) }),
           listedType.id != type.id {
            diagnostics.append(Diagnostic(
                .error, .overviewMismatch,
                "\(entry.code) is listed under \(listedType.title) but is an error of type \(type.id); move its row to \(type.title)",
                at: entry.location))
        }
        let path = entry.href.split(separator: "#").first.map(String.init) ?? ""
        let slug = path.split(separator: "/").last.map(String.init) ?? ""
        if let linkedType = catalog.types.first(where: { $0.slug == slug }), linkedType.id != type.id {
            diagnostics.append(Diagnostic(
                .error, .overviewMismatch,
                "\(entry.code) links to the \(linkedType.title) page but is an error of type \(type.id); "
                    + "link to \(type.slug)/#\(code.anchor)",
                at: entry.location))
        }
        return diagnostics
    }
}

import Foundation
