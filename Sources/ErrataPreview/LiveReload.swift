/// The live-reload client: where its script and event stream live, and how pages load it.
///
/// Every HTML page the preview serves loads ``scriptPath``, which listens to
/// ``eventsPath`` (see ``LiveEvent``). Both sit under `/__errata/`, which a site's own
/// files cannot use.
enum LiveReload {
    /// The script, as a site path (no leading slash).
    static let scriptPath = "__errata/live.js"
    /// The server-sent-events stream, as a site path.
    static let eventsPath = "__errata/events"
    /// The tag put into every served HTML page.
    static let scriptTag = #"<script src="/__errata/live.js"></script>"#

    /// `html` with ``scriptTag`` just before its last `</body>` (any letter case), or at
    /// its end when it has none.
    static func inject(into html: [UInt8]) -> [UInt8] {
        var page = html
        page.insert(contentsOf: scriptTag.utf8, at: lastBodyEndTag(in: html) ?? html.count)
        return page
    }

    /// The script itself, served from memory.
    static let scriptFile = ServedFile(path: scriptPath, bytes: Array(script.utf8))
}

private extension LiveReload {
    /// Where the last `</body>` or `</body ...>` starts.
    static func lastBodyEndTag(in html: [UInt8]) -> Int? {
        let tag = Array("</body".utf8)
        guard html.count >= tag.count + 1 else { return nil }
        for start in stride(from: html.count - tag.count - 1, through: 0, by: -1) {
            guard zip(html[start..<start + tag.count], tag).allSatisfy({ lowercased($0) == $1 }) else { continue }
            switch html[start + tag.count] {
            case UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return start
            default:
                continue
            }
        }
        return nil
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
