/// The most a page may hold, so that any file — however large, long-lined, deeply
/// nested or table-heavy — is checked in bounded time and memory. Real error docs
/// stay far below every limit (the largest page of the real content is 14 KB, its
/// longest line 382 bytes, its deepest nesting 2 levels).
///
/// A page over a limit is refused with an `input-limit` error at the first place it
/// crosses it, and yields no page: sizes, lines, nesting markers and tables are
/// measured on the bytes before cmark-gfm sees them, so a hostile page costs a scan,
/// not a parse. Front matter over its limits is refused before Yams sees it.
public enum InputLimits {
    /// The largest page, in bytes. cmark-gfm needs up to about 270 bytes of memory per
    /// byte of dense markup (a list item or an emphasis every few characters, each a
    /// node), so this bounds a page's worst case, at about 2.7 GB and 18 seconds;
    /// prose costs a small fraction of that. It leaves room for the pages of the
    /// 50,000-code benchmark corpus (6,250 codes, 7.2 MiB, a page).
    public static let pageBytes = 10 << 20
    /// The longest line, in bytes (without its line break).
    public static let lineBytes = 100 << 10
    /// The deepest nesting of block quotes, list items and footnote definitions.
    public static let nestingDepth = 100
    /// The most columns of one table. cmark-gfm's time per row grows with the square
    /// of the columns.
    public static let tableColumns = 100
    /// The most cells of the tables of a page, counting the empty cells cmark-gfm adds
    /// to fill short rows: a one-line header of many columns over many one-character
    /// rows would otherwise turn a 24 KB page into millions of cells.
    public static let tableCells = 100_000
    /// The largest front matter, in bytes.
    public static let frontMatterBytes = 64 << 10
    /// The deepest nesting of front matter (flow `[`/`{` and block indentation). A
    /// page's keys take one level; a value may be at most a short list.
    public static let frontMatterDepth = 16
}

extension InputLimits {
    /// `1,048,576 bytes`.
    static func bytes(_ count: Int) -> String {
        "\(grouped(count)) \(count == 1 ? "byte" : "bytes")"
    }

    /// `10 MiB` for a whole number of KiB or MiB, else the bytes.
    static func size(_ count: Int) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return bytes(count)
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var result = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
