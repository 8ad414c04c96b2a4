import Yams

/// The YAML block between `---` lines at the top of a page.
///
/// Keys: `title`, `description`, `error_type` (the type whose codes the page
/// documents) and `layout` (the template that renders the page).
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var description: String?
    /// The `error_type` value and the line it is on.
    public var errorType: (String, line: Int)? {
        get { errorTypeValue.map { ($0, line: errorTypeLine) } }
        set { errorTypeValue = newValue?.0; errorTypeLine = newValue?.line ?? 0 }
    }
    public var layout: String?
    /// Where the `layout` value is: its line in the file and UTF-8 byte column; `nil`
    /// when the page has no `layout`.
    public var layoutPosition: (line: Int, column: Int)? {
        layoutLine > 0 ? (layoutLine, layoutColumn) : nil
    }

    var errorTypeValue: String?
    var layoutLine = 0
    var layoutColumn = 0
    var errorTypeLine = 0

    public init() {}

    /// The keys a page may set.
    public static let knownKeys = ["description", "error_type", "layout", "title"]
}

/// Splits front matter from a page and reads it.
struct FrontMatterReader {
    /// The page's text with the front matter lines blanked (so Markdown line numbers
    /// stay those of the file), and the YAML with its first line's number.
    struct Split {
        var markdown: String
        var yaml: String?
        var yamlFirstLine: Int
    }

    /// Finds a front matter block: a first line `---`, then YAML, then a `---` or
    /// `...` line. A page without a closing line has no front matter.
    static func split(_ text: String) -> Split {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else {
            return Split(markdown: text, yaml: nil, yamlFirstLine: 0)
        }
        // Walk the lines as bytes (a "\r\n" is one Character) until the closing line.
        let bytes = text.utf8
        var lineStart = bytes.index(after: bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.startIndex)
        var yamlLines: [Substring] = []
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = text[lineStart..<lineEnd].trimmingSuffix("\r")
            if line == "---" || line == "..." {
                let rest = lineEnd < bytes.endIndex ? text[lineEnd...] : ""
                // Blank lines in place of the front matter keep Markdown line numbers those of the file.
                // Joined as bytes, in room made for both: a large page's rest is not walked
                // character by character.
                var markdown = String(repeating: "\n", count: yamlLines.count + 1)
                markdown.reserveCapacity(markdown.utf8.count + rest.utf8.count)
                markdown.append(contentsOf: rest)
                return Split(markdown: markdown, yaml: yamlLines.joined(separator: "\n"), yamlFirstLine: 2)
            }
            yamlLines.append(line)
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
        }
        return Split(markdown: text, yaml: nil, yamlFirstLine: 0)
    }

    /// Reads the YAML of a front matter block, reporting problems at their line in
    /// the file.
    static func read(_ yaml: String, firstLine: Int, file: String, catalog: Catalog) -> (FrontMatter, [Diagnostic]) {
        var frontMatter = FrontMatter()
        var diagnostics: [Diagnostic] = []
        let yamlLines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        /// The file's line and UTF-8 byte column of a YAML line and a column counted in
        /// Unicode scalars (as libyaml counts).
        func fileLocation(line: Int, column: Int) -> SourceLocation {
            var byteColumn = column
            if line >= 1, line <= yamlLines.count {
                byteColumn = yamlLines[line - 1].unicodeScalars.prefix(max(column - 1, 0))
                    .reduce(1) { $0 + UTF8.width($1) }
            }
            return SourceLocation(file: file, line: firstLine + line - 1, column: byteColumn)
        }
        func report(_ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int) {
            diagnostics.append(Diagnostic(severity, .frontMatter, message, at: fileLocation(line: line, column: column)))
        }
        if let problem = limitProblem(in: yaml) {
            diagnostics.append(Diagnostic(
                .error, .inputLimit, problem.message,
                at: SourceLocation(file: file, line: firstLine + problem.line - 1, column: problem.column)))
            return (frontMatter, diagnostics)
        }
        if let alias = firstAlias(in: yaml) {
            report(.error, "front matter uses a YAML alias (*\(alias.name)); write the value out instead",
                   line: alias.line, column: alias.column)
            return (frontMatter, diagnostics)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (message, position) = error.problem
            report(.error, "front matter is not valid YAML: \(message); fix the YAML between the --- lines",
                   line: position?.line ?? 1, column: position?.column ?? 1)
            return (frontMatter, diagnostics)
        } catch {
            report(.error, "front matter is not valid YAML: \(error)", line: 1, column: 1)
            return (frontMatter, diagnostics)
        }
        guard let root else { return (frontMatter, diagnostics) }
        guard case .mapping(let mapping) = root else {
            report(.error, "front matter must be a mapping of keys to values, such as `title: Item errors`",
                   line: root.mark?.line ?? 1, column: root.mark?.column ?? 1)
            return (frontMatter, diagnostics)
        }
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line ?? 1, column = keyNode.mark?.column ?? 1
            guard case .scalar(let keyScalar) = keyNode else {
                // A list or mapping as a key (YAML's `? [a, b]` complex key).
                report(.error, "front matter key is a \(keyNode.isSequence ? "list" : "mapping"), not a name; "
                    + "write each setting as `name: value` with one of \(FrontMatter.knownKeys.joined(separator: ", "))",
                    line: line, column: column)
                continue
            }
            let key = keyScalar.string
            guard FrontMatter.knownKeys.contains(key) else {
                let suggestion = Catalog.closest(to: key, among: FrontMatter.knownKeys)
                report(.error, "unknown front matter key \"\(key)\"; "
                    + (suggestion.map { "did you mean \"\($0)\"?" } ?? "use one of \(FrontMatter.knownKeys.joined(separator: ", "))"),
                    line: line, column: column)
                continue
            }
            guard case .scalar(let scalar) = valueNode else {
                report(.error, "front matter key \"\(key)\" needs a single text value",
                       line: valueNode.mark?.line ?? line, column: valueNode.mark?.column ?? column)
                continue
            }
            let value = scalar.string
            switch key {
            case "title": frontMatter.title = value
            case "description": frontMatter.description = value
            case "layout":
                guard Self.isTemplateName(value) else {
                    report(.error, "layout \"\(value)\" is not a template name; give the name of a .mustache file "
                        + "of the templates folder without its extension, such as page or list",
                        line: valueNode.mark?.line ?? line, column: valueNode.mark?.column ?? column)
                    continue
                }
                frontMatter.layout = value
                let position = fileLocation(line: valueNode.mark?.line ?? line, column: valueNode.mark?.column ?? column)
                (frontMatter.layoutLine, frontMatter.layoutColumn) = (position.line, position.column)
            default:
                let valueLine = valueNode.mark?.line ?? line
                if catalog.type(withID: value) == nil {
                    let known = catalog.types.map(\.id).joined(separator: ", ")
                    report(.error, "unknown error_type \"\(value)\"; "
                        + (catalog.typeSuggestion(for: value).map { "did you mean \($0)? " } ?? "")
                        + "the model's types are \(known)",
                        line: valueLine, column: valueNode.mark?.column ?? column)
                } else {
                    frontMatter.errorType = (value, line: firstLine + valueLine - 1)
                }
            }
        }
        return (frontMatter, diagnostics)
    }

    /// Whether `value` can name a template: the path of a `.mustache` file under the
    /// templates folder without its extension (`page`, `partials/wide`), so nothing
    /// that leads out of it (`..`, `/etc/passwd`) and nothing hidden.
    static func isTemplateName(_ value: String) -> Bool {
        let segments = value.split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            guard let first = segment.utf8.first, first != UInt8(ascii: ".") else { return false }
            return segment.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
        }
    }

    /// The first alias (`*name`) in the YAML, if any. Aliases are refused outright:
    /// front matter never needs them, and they are how a small YAML text expands into
    /// an enormous one. An alias can only stand where a node starts — at the start of
    /// a line or sequence entry, after a mapping's `: `, or after `[`, `{` or `,` in a
    /// flow collection — so a `*` inside a plain sentence is not one. The column
    /// counts Unicode scalars, as libyaml's do.
    static func firstAlias(in yaml: String) -> (name: String, line: Int, column: Int)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var quote: Unicode.Scalar?
            var flowDepth = 0
            var nodeMayStart = true
            var offset = 0
            while offset < scalars.count {
                let scalar = scalars[offset]
                defer { offset += 1 }
                if let open = quote {
                    if scalar == open { quote = nil }
                    continue
                }
                switch scalar {
                case " ", "\t":
                    continue
                case "#" where offset == 0 || scalars[offset - 1] == " ":
                    offset = scalars.count
                    continue
                case "-" where nodeMayStart && (offset + 1 == scalars.count || scalars[offset + 1] == " "):
                    continue
                case "*" where nodeMayStart:
                    let name = scalars[(offset + 1)...].prefix { !" ,]}".unicodeScalars.contains($0) }
                    if !name.isEmpty {
                        return (String(String.UnicodeScalarView(name)), index + 1, offset + 1)
                    }
                case "\"" where nodeMayStart, "'" where nodeMayStart:
                    quote = scalar
                case "[", "{":
                    flowDepth += 1
                    nodeMayStart = true
                    continue
                case "]", "}":
                    flowDepth = max(flowDepth - 1, 0)
                case "," where flowDepth > 0:
                    nodeMayStart = true
                    continue
                case ":" where offset + 1 == scalars.count || scalars[offset + 1] == " ":
                    nodeMayStart = true
                    continue
                case "&" where nodeMayStart, "!" where nodeMayStart:
                    // An anchor or tag: the node itself follows it.
                    while offset + 1 < scalars.count, scalars[offset + 1] != " " { offset += 1 }
                    continue
                default:
                    break
                }
                nodeMayStart = false
            }
        }
        return nil
    }
}

private extension Node {
    var isSequence: Bool {
        if case .sequence = self { true } else { false }
    }
}

extension YamlError {
    /// The problem, in one line, and where it is in the YAML (a line and a column
    /// counted in Unicode scalars, as libyaml counts).
    var problem: (String, (line: Int, column: Int)?) {
        switch self {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return ([context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "),
                    (mark.line, mark.column))
        case .reader(let problem, let offset, let value, let yaml):
            // libyaml gives the byte offset of the character it cannot read.
            let character = Unicode.Scalar(UInt32(bitPattern: value)).map { " (\($0.described))" } ?? ""
            return (problem + character, offset.map { Self.position(ofByte: $0, in: yaml) })
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ("duplicate key \(duplicates.joined(separator: ", "))", (context.mark.line, context.mark.column))
        case .memory:
            return ("the YAML reader ran out of memory", nil)
        case .no:
            return ("the YAML cannot be read", nil)
        case .writer(let problem), .emitter(let problem), .representer(let problem):
            return (problem, nil)
        case .dataCouldNotBeDecoded:
            return ("the text cannot be decoded", nil)
        }
    }

    /// The 1-based line and scalar column of the UTF-8 byte `offset` of `yaml`.
    static func position(ofByte offset: Int, in yaml: String) -> (line: Int, column: Int) {
        var line = 1, column = 1, bytes = 0
        for scalar in yaml.unicodeScalars {
            guard bytes < offset else { break }
            bytes += UTF8.width(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
