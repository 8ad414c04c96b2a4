import Foundation
import Yams

/// A new project, as `errata init` writes it: `errata.yml`, a model with one error type
/// and one code (`model.json`, the form `--model` reads), the overview page
/// `Content/docs/errors/_index.md` and the type's page documenting the code in the house
/// style. Right after it, `errata check --strict` passes with no warning and
/// `errata build` builds; the example is there to be replaced.
public struct ProjectScaffold: Sendable {
    /// The API's or company's name: the site's brand.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    static let exampleMessage = "the following required fields are missing: client_id"

    /// The example model: one type, one code.
    public var catalog: Catalog {
        let type = ErrorType(
            id: "INVALID_REQUEST", title: "Invalid request errors", slug: "invalid-request",
            description: "Occur when a request is missing something the API needs.")
        let code = ErrorCode(
            code: "MISSING_FIELDS", type: type.id, httpStatus: 400,
            errorMessage: .text(Self.exampleMessage), displayMessage: .null)
        return Catalog(types: [type], codes: [code])
    }

    /// Each file's path in the project and its text.
    public var files: [(path: String, text: String)] {
        let type = catalog.types[0], code = catalog.codes[0]
        let projectFile = """
            # Errata's project file; paths are relative to it, command-line flags win.
            name: \(Self.yamlQuoted(name))
            content: Content
            output: public
            model: model.json
            # base_url: https://example.com/docs/
            # templates: Templates      # without it, the built-in theme

            """
        let overview = """
            ---
            title: Errors
            description: \(Self.yamlQuoted("Every error code of the \(name) API, by error type."))
            ---

            Every error code of the \(name) API, by error type.

            Each type has its own page, and each code on it a section: what the error means, a JSON sample of the response with its HTTP status, its common causes and the steps to troubleshoot it.

            """
        let typePage = """
            ---
            title: \(type.title)
            description: \(type.description)
            error_type: \(type.id)
            ---

            \(type.description)

            ### \(code.code)

            The request does not include every field the endpoint requires.

            ```json
            // http code \(code.httpStatus ?? 400)
            {
             "error_type": "\(type.id)",
             "error_code": "\(code.code)",
             "error_message": "\(Self.exampleMessage)",
             "display_message": null,
             "request_id": "\(ErrorResponse.sampleRequestID)"
            }
            ```

            #### Common causes

            - A required field was left out of the request.

            #### Troubleshooting steps

            - Add the fields named in `error_message` and send the request again.

            """
        return [
            (ProjectFile.fileName, projectFile),
            ("model.json", String(decoding: catalog.jsonData(), as: UTF8.self) + "\n"),
            ("Content/docs/errors/_index.md", overview),
            ("Content/docs/errors/\(type.slug).md", typePage),
        ]
    }

    /// Writes the project into `directory` (made if need be). Nothing is written when
    /// any of its files is already there.
    public func write(to directory: URL) throws(LoadError) {
        try NewFiles.write(
            files.map { ($0.path, Array($0.text.utf8)) }, to: directory,
            refusing: "errata init writes only into a project without its files")
    }

    /// `text` as a double-quoted YAML scalar, written by Yams.
    static func yamlQuoted(_ text: String) -> String {
        let written = (try? Yams.serialize(node: Node(text, Tag(.str), .doubleQuoted))) ?? "\"\""
        return written.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
