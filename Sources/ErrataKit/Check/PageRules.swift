/// Rules about how a page is written, whatever the model says.
///
/// - `empty-section`: a code section with nothing under its heading, or a `####`
///   sub-section with nothing under its own (warning).
/// - `missing-description`: a code section that has content but no description
///   before its sample (warning).
/// - `unordered-codes`: a code out of alphabetical order among the codes of its type
///   on the page; the message says where it belongs (warning).
struct PageRules {
    func check(_ page: Page) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for section in page.codeSections {
            let isEmpty = !section.hasDescription && section.sample == nil && section.subsections.isEmpty
            if isEmpty {
                diagnostics.append(Diagnostic(
                    .warning, .emptySection,
                    "\(section.code) has an empty section; write what the error means, its JSON sample, "
                        + "common causes and troubleshooting steps",
                    at: section.location))
                continue
            }
            if !section.hasDescription {
                diagnostics.append(Diagnostic(
                    .warning, .missingDescription,
                    "\(section.code) has no description; add a sentence under the heading saying what the error means",
                    at: section.location))
            }
            for subsection in section.subsections where subsection.isEmpty {
                diagnostics.append(Diagnostic(
                    .warning, .emptySection,
                    "the \"\(subsection.title)\" sub-section of \(section.code) is empty; write it, or remove the heading",
                    at: subsection.location))
            }
        }
        diagnostics += unorderedCodes(page)
        return diagnostics
    }

    /// Codes are compared within runs of the same type, so a page that documents
    /// several types under `## <Type>` headings is ordered type by type.
    private func unorderedCodes(_ page: Page) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let sections = page.codeSections
        var runStart = 0
        func checkRun(upTo end: Int) {
            let run = sections[runStart..<end]
            for index in run.indices.dropFirst() where sections[index].code.sortsAlphabetically(before: sections[index - 1].code) {
                let code = sections[index].code
                guard let successor = run.first(where: { code.sortsAlphabetically(before: $0.code) }) else { continue }
                diagnostics.append(Diagnostic(
                    .warning, .unorderedCodes,
                    "\(code) is out of alphabetical order; move its section before \(successor.code) "
                        + "(line \(successor.location.line))",
                    at: sections[index].location))
            }
            runStart = end
        }
        for index in sections.indices.dropFirst() where sections[index].contextTypeID != sections[index - 1].contextTypeID {
            checkRun(upTo: index)
        }
        checkRun(upTo: sections.count)
        return diagnostics
    }
}
