/// Front matter over the ``InputLimits`` (rule `input-limit`), found before Yams
/// reads it, so no YAML text costs more than a small one: one larger than
/// ``InputLimits/frontMatterBytes``, or nested deeper than
/// ``InputLimits/frontMatterDepth`` by flow collections (`[[[…`, `{a: {a: …`), block
/// indentation or sequence dashes (`- - - …`).
extension FrontMatterReader {
    /// The first limit the YAML passes: what, and the YAML line and UTF-8 byte column
    /// where it passes it.
    static func limitProblem(in yaml: String) -> (message: String, line: Int, column: Int)? {
        let size = yaml.utf8.count
        if size > InputLimits.frontMatterBytes {
            let limit = InputLimits.frontMatterBytes
            let (line, column) = TextDecoding.position(of: limit, in: Array(yaml.utf8.prefix(limit + 1)))
            return ("the front matter is \(InputLimits.bytes(size)), more than the limit of \(InputLimits.size(limit)) "
                + "(\(InputLimits.bytes(limit))), which it passes here; keep only title, description, error_type "
                + "and layout in it, and move the rest into the page", line, column)
        }
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            deepestNesting(in: bytes).map { depth, line, column in
                ("the front matter is nested \(depth) levels deep here, more than the limit of "
                    + "\(InputLimits.frontMatterDepth); front matter needs only `key: value` lines", line, column)
            }
        }
    }

    /// The first place the YAML nests deeper than the limit, with that depth. One pass,
    /// line by line: block levels are the indentations still open, plus the `- ` and
    /// `? ` that open a node on the line; each `[` or `{` that opens a flow collection
    /// adds one. Quoted text, comments and the lines of block scalars (`|`, `>`) are
    /// skipped. It may count a level more than YAML would (a plain line continued with
    /// more indentation), never fewer.
    private static func deepestNesting(in bytes: UnsafeBufferPointer<UInt8>) -> (depth: Int, line: Int, column: Int)? {
        let limit = InputLimits.frontMatterDepth
        var indents: [Int] = []
        var flow = 0, flowBase = 0
        var quote: UInt8?
        var escaped = false
        var blockScalarParent: Int?
        var line = 0, start = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        while start <= bytes.count {
            line += 1
            let end = PageLimitScanner.lineEnd(in: bytes, from: start)
            defer { start = end + 1 }
            var first = start
            while first < end, bytes[first] == UInt8(ascii: " ") { first += 1 }
            let indent = first - start
            let isBlank = bytes[first..<end].allSatisfy(isSpace)
            if let parent = blockScalarParent {
                if isBlank || indent > parent { continue }
                blockScalarParent = nil
            }
            var level: Int
            if quote == nil, flow == 0 {
                if isBlank || bytes[first] == UInt8(ascii: "#") { continue }
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                level = indents.count
                if level > limit { return (level, line, first - start + 1) }
            } else {
                level = flowBase
            }
            var nodeMayStart = quote == nil
            var index = first
            scan: while index < end {
                let byte = bytes[index]
                defer { index += 1 }
                let next: UInt8? = index + 1 < end ? bytes[index + 1] : nil
                if let open = quote {
                    if escaped {
                        escaped = false
                    } else if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == open {
                        quote = nil
                        nodeMayStart = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"):
                    continue
                case UInt8(ascii: "#") where index == start || isSpace(bytes[index - 1]):
                    break scan
                case UInt8(ascii: "-") where nodeMayStart && flow == 0 && (next.map(isSpace) ?? true),
                     UInt8(ascii: "?") where nodeMayStart && flow == 0 && (next.map(isSpace) ?? true):
                    level += 1
                    if level > limit { return (level, line, index - start + 1) }
                    continue
                case UInt8(ascii: ":") where next.map { isSpace($0) || (flow > 0 && ",]}".utf8.contains($0)) } ?? true:
                    nodeMayStart = true
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    guard nodeMayStart || flow > 0 else { break }
                    if flow == 0 { flowBase = level }
                    flow += 1
                    if flowBase + flow > limit { return (flowBase + flow, line, index - start + 1) }
                    nodeMayStart = true
                    continue
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard flow > 0 else { break }
                    flow -= 1
                    nodeMayStart = false
                    continue
                case UInt8(ascii: ",") where flow > 0:
                    nodeMayStart = true
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard nodeMayStart || flow > 0 else { break }
                    quote = byte
                    continue
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    guard nodeMayStart, flow == 0 else { break }
                    blockScalarParent = indent
                    break scan
                case UInt8(ascii: "&"), UInt8(ascii: "!"):
                    // An anchor or a tag: the node itself follows it.
                    guard nodeMayStart else { break }
                    while index + 1 < end, !isSpace(bytes[index + 1]) { index += 1 }
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
