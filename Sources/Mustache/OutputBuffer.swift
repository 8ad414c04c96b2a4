/// Where a render's bytes go as they are made, for output too large to hold whole
/// (a page of thousands of codes written straight into its file).
public protocol TemplateOutput: AnyObject {
    /// Takes the next bytes of the output. Returns false when they could not be taken
    /// (the render then stops; the output says why).
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool
}

/// The bytes a template renders, and the count that bounds them. With a
/// ``TemplateOutput``, the bytes are handed on whenever a run of them has gathered,
/// except while a remembered section is being rendered (it copies what it rendered).
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []
    let limit: Int
    private let sink: TemplateOutput?
    /// Bytes handed to the sink so far.
    private var handedOn = 0
    /// Sections that need their bytes kept where they are.
    private var holds = 0
    private(set) var sinkFailed = false
    /// How many bytes gather before they are handed on.
    let run: Int

    /// The usual ``run``: large enough that writing costs little, small enough to hold.
    static let defaultRun = 1 << 18

    init(capacity: Int, limit: Int, sink: TemplateOutput? = nil, run: Int = defaultRun) {
        self.sink = sink
        self.run = max(run, 1)
        bytes.reserveCapacity(sink == nil ? min(capacity, limit) : self.run + (self.run >> 2))
        self.limit = limit
    }

    /// Every byte rendered so far, handed on or not.
    var count: Int { handedOn + bytes.count }
    var isFull: Bool { count > limit || sinkFailed }

    /// Hands the bytes gathered on to the sink once there are enough of them, or,
    /// with `all`, whatever there is.
    mutating func handOn(all: Bool = false) {
        guard let sink, holds == 0, bytes.count >= (all ? 1 : run), !sinkFailed else { return }
        if !bytes.withUnsafeBytes(sink.write) { sinkFailed = true }
        handedOn += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// Keeps the bytes from here on in ``bytes`` until the matching ``release()``.
    mutating func hold() { holds += 1 }
    mutating func release() { holds -= 1 }

    mutating func append(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: ArraySlice<UInt8>) {
        other.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `text` escaped for HTML (see ``HTMLEscaping``).
    mutating func appendEscapingHTML(_ text: String) {
        var text = text
        text.withUTF8 { HTMLEscaping.append($0, to: &bytes) }
    }
}
