/// Why ``SectionScaffold`` will not add a section. The docs are left as they were;
/// each case's ``description`` is one line saying what to do instead.
public enum ScaffoldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model has no such code. `suggestion` is the nearest model code, if one is close.
    case unknownCode(String, suggestion: String?, modelSource: String)
    /// A page already has a section for the code, at `location`.
    case alreadyDocumented(String, at: SourceLocation)
    /// No page documents the code's type.
    case noPage(code: String, typeID: String, typeTitle: String?)
    /// The section would not read back as a section in its place: something above it,
    /// such as a code block left open, would swallow it.
    case cannotPlace(String, at: SourceLocation)

    public var description: String {
        switch self {
        case .unknownCode(let code, let suggestion, let modelSource):
            "errata: error: unknown error code \(code); add it to the model in \(modelSource) first, "
                + "or fix the code\(suggestion.map { " — did you mean \($0)?" } ?? "")"
        case .alreadyDocumented(let code, let location):
            "\(location): error: \(code) is already documented here; edit this section instead"
        case .noPage(let code, let typeID, let typeTitle):
            "errata: error: no page documents \(typeID), the type of \(code); give a page `error_type: \(typeID)` "
                + "in its front matter, or add a `## \(typeTitle ?? typeID)` heading to one, then run errata new again"
        case .cannotPlace(let code, let location):
            "\(location): error: a section for \(code) added here would not read as a section; "
                + "close the code block or HTML block left open above this line, then run errata new again"
        }
    }
}
