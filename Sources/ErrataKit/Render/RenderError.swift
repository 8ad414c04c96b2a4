/// Why a site cannot be rendered.
public enum RenderError: Error, CustomStringConvertible {
    /// A template is missing, cannot be parsed, or cannot render a page.
    case template(TemplateError)
    /// Two files of the site would share an address.
    case conflict(AddressConflict)

    public var description: String {
        switch self {
        case .template(let error): error.description
        case .conflict(let conflict): conflict.description
        }
    }
}

/// Two files of the site at the same address, or one where the other needs a folder
/// (`errors.json` beside a page `errors.json/`). Addresses are compared ignoring case,
/// as macOS and Windows file systems and many hosts do, so `docs/errors/ITEM/` and
/// `docs/errors/item/` conflict.
public struct AddressConflict: Sendable, CustomStringConvertible {
    /// The file to change: the content page involved, else the output path.
    public var file: String
    public var message: String

    public var description: String { "\(file): error: \(message)" }
}

extension AddressConflictCheck {
    /// Refuses a site with an address conflict, naming the first.
    func check() throws(RenderError) {
        guard let first = conflicts().first else { return }
        let (role, advice) = first.blamed.source != nil
            ? ("this page", "rename or move the page") : (first.blamed.role, "rename one of them")
        throw .conflict(AddressConflict(
            file: first.blamed.source ?? first.blamed.path,
            message: "\(role) and \(first.other.role) would both be published at \(first.path) "
                + "(addresses are compared ignoring case, as many hosts do); \(advice)"))
    }
}
