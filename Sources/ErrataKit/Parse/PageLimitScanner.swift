#if canImport(Glibc)
import Glibc
#endif
import Markdown

/// Measures a page against ``InputLimits``, so a page that would cost cmark-gfm
/// unbounded time or memory is refused before it is parsed.
///
/// Rule `input-limit`, one finding per kind at the first place the page crosses it:
/// - the page is larger than ``InputLimits/pageBytes`` (measured on the file);
/// - a line is longer than ``InputLimits/lineBytes``;
/// - block quotes and list items nest deeper than ``InputLimits/nestingDepth``: on one
///   line, counted from the markers before parsing, and across lines, counted on
///   cmark-gfm's block tree (whose depth the bytes then bound) before anything walks it;
/// - a table has more than ``InputLimits/tableColumns`` columns, or the page's tables
///   more than ``InputLimits/tableCells`` cells.
///
/// Every scan is one pass over the bytes, without recursion.
struct PageLimitScanner {
    /// The path diagnostics show.
    let file: String

    /// The file is larger than a page may be: reported at the byte where it crosses
    /// the limit. `file.bytes` holds at least that byte.
    func sizeProblem(of source: SourceFile) -> Diagnostic? {
        let limit = InputLimits.pageBytes
        guard source.byteCount > limit else { return nil }
        let (line, column) = TextDecoding.position(of: min(limit, source.bytes.count), in: source.bytes)
        return Diagnostic(
            .error, .inputLimit,
            "the page is \(InputLimits.bytes(source.byteCount)), more than the limit of \(InputLimits.size(limit)) "
                + "(\(InputLimits.bytes(limit))), which it passes here; split it into smaller pages, such as one per error type",
            at: SourceLocation(file: file, line: line, column: column))
    }

    /// Lines too long, too many nesting markers on one line, and tables too wide or
    /// too large, in `markdown` (the page with its front matter blanked).
    func problems(in markdown: String) -> [Diagnostic] {
        var markdown = markdown
        return markdown.withUTF8 { problems(in: $0) }
    }

    private func problems(in bytes: UnsafeBufferPointer<UInt8>) -> [Diagnostic] {
        var longLine: Diagnostic?, deepLine: Diagnostic?, wideTable: Diagnostic?, manyCells: Diagnostic?
        var tableColumns: Int?  // the columns of the table the line is in
        var cells = 0
        var line = 1
        var start = 0
        while start <= bytes.count {
            let end = Self.lineEnd(in: bytes, from: start)
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<contentEnd])

            if longLine == nil, text.count > InputLimits.lineBytes {
                longLine = Diagnostic(
                    .error, .inputLimit,
                    "the line is \(InputLimits.bytes(text.count)) long, more than the limit of "
                        + "\(InputLimits.size(InputLimits.lineBytes)) (\(InputLimits.bytes(InputLimits.lineBytes))), "
                        + "which it passes here; break it into shorter lines, or move the data out of the page",
                    at: location(line, InputLimits.lineBytes + 1))
            }
            if deepLine == nil, let column = Self.columnOfMarker(number: InputLimits.nestingDepth + 1, in: text) {
                deepLine = nestingProblem(depth: InputLimits.nestingDepth + 1, at: location(line, column))
            }
            if Self.isBlank(text) {
                tableColumns = nil
            } else if let columns = tableColumns {
                cells += columns
            } else if let columns = Self.delimiterRowColumns(text) {
                tableColumns = columns
                cells += 2 * columns  // the header row and this one
                if wideTable == nil, columns > InputLimits.tableColumns {
                    wideTable = Diagnostic(
                        .error, .inputLimit,
                        "the table has \(InputLimits.grouped(columns)) columns, more than the limit of "
                            + "\(InputLimits.tableColumns); split it into narrower tables",
                        at: location(line, 1))
                }
            }
            if manyCells == nil, cells > InputLimits.tableCells {
                manyCells = Diagnostic(
                    .error, .inputLimit,
                    "the tables of the page have more than \(InputLimits.grouped(InputLimits.tableCells)) cells by this "
                        + "row, the limit (short rows count as full, as cmark-gfm fills them); split the table or the page",
                    at: location(line, 1))
            }
            line += 1
            start = end + 1
        }
        return [longLine, deepLine, wideTable, manyCells].compactMap { $0 }
    }

    /// The first block quote, list item or footnote definition of a parsed piece of
    /// the page that is nested deeper than the limit, found without recursion.
    static func firstTooDeep(in root: MarkdownNode) -> (depth: Int, position: SourcePosition)? {
        var pending: [(node: MarkdownNode, depth: Int)] = [(root, 0)]
        while let (node, depth) = pending.popLast() {
            let kind = node.kind
            let level = depth + (kind == .blockQuote || kind == .item || kind == .footnoteDefinition ? 1 : 0)
            if level > InputLimits.nestingDepth { return (level, node.start) }
            // Only blocks that hold blocks can nest deeper.
            guard kind == .document || kind == .blockQuote || kind == .list || kind == .item
                || kind == .footnoteDefinition else { continue }
            pending += node.children.map { ($0, level) }.reversed()
        }
        return nil
    }

    /// The error for a block nested `depth` deep at `line` and `column` of the page.
    func nestingProblem(depth: Int, line: Int, column: Int) -> Diagnostic {
        nestingProblem(depth: depth, at: location(line, column))
    }

    private func nestingProblem(depth: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .error, .inputLimit,
            "block quotes and list items are nested \(depth) deep here, more than the limit of "
                + "\(InputLimits.nestingDepth); use fewer levels",
            at: location)
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    // MARK: - Line scans

    /// The offset of the line feed that ends the line starting at `start`, or the end.
    static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
        else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The column of the `number`th container marker that opens the line: `>`, or a
    /// list marker (`-`, `+`, `*`, `1.`, `1)`) followed by a space or the end, each
    /// after any spaces. Counting stops at anything else, and at a thematic break
    /// (`- - -`). Markers inside code are counted too: a code line that starts with
    /// a hundred of them is not worth telling apart.
    static func columnOfMarker(number: Int, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0, count = 0
        func isSpace(_ offset: Int) -> Bool {
            offset >= line.count || line[offset] == UInt8(ascii: " ") || line[offset] == UInt8(ascii: "\t")
        }
        // Where the line's tail of only `-` (or `*`) and spaces starts, found once for each.
        var dashTail: Int?, starTail: Int?
        func isThematicBreak(from start: Int, of marker: UInt8) -> Bool {
            let known = marker == UInt8(ascii: "-") ? dashTail : starTail
            let tail = known ?? {
                var tail = line.count
                while tail > 0, line[tail - 1] == marker || line[tail - 1] == UInt8(ascii: " ")
                    || line[tail - 1] == UInt8(ascii: "\t") { tail -= 1 }
                if marker == UInt8(ascii: "-") { dashTail = tail } else { starTail = tail }
                return tail
            }()
            // In the tail, at most two markers are looked at before the answer is known.
            guard start >= tail else { return false }
            var markers = 0
            for byte in line[start...] where byte == marker {
                markers += 1
                if markers == 3 { return true }
            }
            return false
        }
        while index < line.count {
            while index < line.count, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 }
            guard index < line.count else { return nil }
            let byte = line[index]
            let markerStart = index
            switch byte {
            case UInt8(ascii: ">"):
                index += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"):
                guard isSpace(index + 1) else { return nil }
                if byte != UInt8(ascii: "+"), isThematicBreak(from: index, of: byte) { return nil }
                index += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var digitsEnd = index
                while digitsEnd < line.count, digitsEnd - index < 9,
                      line[digitsEnd] >= UInt8(ascii: "0"), line[digitsEnd] <= UInt8(ascii: "9") { digitsEnd += 1 }
                guard digitsEnd < line.count, line[digitsEnd] == UInt8(ascii: ".") || line[digitsEnd] == UInt8(ascii: ")"),
                      isSpace(digitsEnd + 1) else { return nil }
                index = digitsEnd + 1
            default:
                return nil
            }
            count += 1
            if count == number { return markerStart + 1 }
        }
        return nil
    }

    /// Whether the line has nothing but spaces and block quote markers.
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") }
    }

    /// The columns of a table delimiter row (`| --- | :-: |`), after any block quote
    /// markers and spaces; `nil` for any other line.
    static func delimiterRowColumns(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var cells = 0, pipes = 0, dashes = 0
        var cellIsEmpty = true
        var started = false
        for byte in line {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: ">") where !started:
                continue
            case UInt8(ascii: "|"):
                started = true
                pipes += 1
                if !cellIsEmpty { cells += 1 }
                cellIsEmpty = true
            case UInt8(ascii: "-"):
                started = true
                dashes += 1
                cellIsEmpty = false
            case UInt8(ascii: ":"):
                started = true
                cellIsEmpty = false
            default:
                return nil
            }
        }
        if !cellIsEmpty { cells += 1 }
        return pipes > 0 && dashes > 0 ? cells : nil
    }
}
