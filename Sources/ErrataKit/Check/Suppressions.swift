/// Applies `<!-- errata-disable rule-id -->` comments: a comment silences the rules
/// it names for the section it is in (from the heading before it to the next heading
/// of level 1–3).
///
/// - `unused-disable`: a comment that silences nothing, names no rule, or names a
///   rule that cannot be silenced (``RuleID/canBeDisabled``) (warning).
struct Suppressions {
    func apply(to diagnostics: [Diagnostic], pages: [Page]) -> [Diagnostic] {
        let comments = pages.flatMap(\.disables)
        guard !comments.isEmpty else { return diagnostics }
        var used = Array(repeating: Set<String>(), count: comments.count)
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let silencer = comments.indices.first { index in
                let comment = comments[index]
                return diagnostic.rule.canBeDisabled
                    && comment.location.file == diagnostic.location.file
                    && comment.lines.contains(diagnostic.location.line)
                    && comment.rules.contains(diagnostic.rule.rawValue)
            }
            if let silencer {
                used[silencer].insert(diagnostic.rule.rawValue)
            } else {
                kept.append(diagnostic)
            }
        }
        for (index, comment) in comments.enumerated() {
            if comment.rules.isEmpty {
                kept.append(Diagnostic(
                    .warning, .unusedDisable,
                    "errata-disable names no rule; write the rule to silence, e.g. <!-- errata-disable missing-sample -->",
                    at: comment.location))
            }
            for rule in comment.rules where !used[index].contains(rule) {
                let known = RuleID(rawValue: rule) != nil
                let suggestion = Catalog.closest(to: rule, among: RuleID.allCases.map(\.rawValue))
                if let fixed = RuleID(rawValue: rule), !fixed.canBeDisabled {
                    kept.append(Diagnostic(
                        .warning, .unusedDisable,
                        "errata-disable cannot silence \(rule): what it finds stops the page from being built; remove it",
                        at: comment.location))
                    continue
                }
                kept.append(Diagnostic(
                    .warning, .unusedDisable,
                    known
                        ? "errata-disable \(rule) silences nothing in this section; remove it"
                        : "errata-disable names \(rule), which is not a rule; "
                            + (suggestion.map { "did you mean \($0)?" } ?? "see the rules in the README"),
                    at: comment.location))
            }
        }
        return kept
    }
}
