import Foundation
import Synchronization

/// What a template shows: the context a template is rendered with, and every value
/// inside it.
///
/// Truthiness, for sections (`{{#name}}`): `false`, ``none``, an empty list and an
/// empty string are false; everything else is true.
public enum TemplateValue: Sendable, Hashable {
    case string(String)
    case number(Int)
    case decimal(Double)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// A name that exists but has no value here (JSON's `null`). In strict mode it
    /// is how a context says "nothing to show", as opposed to a name that is absent.
    case none
    /// A value that keeps what it rendered (see ``RememberedValue``); it shows
    /// exactly as the value it holds.
    case remembered(RememberedValue)
    /// A value made only when a template comes to it, and let go once shown (see
    /// ``DeferredValue``); it shows exactly as the value it makes.
    case deferred(DeferredValue)

    /// `string`, or ``none`` when there is none.
    @inlinable public init(_ string: String?) {
        self = string.map(TemplateValue.string) ?? .none
    }

    /// Whether a section shows.
    @inlinable public var isTruthy: Bool {
        switch self {
        case .remembered(let remembered): remembered.value.isTruthy
        case .deferred: true
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        case .string(let text): !text.isEmpty
        case .none: false
        case .number, .decimal, .object: true
        }
    }

    /// The member `name` of an object; `nil` for anything else or a missing member.
    @inlinable public func member(_ name: String) -> TemplateValue? {
        switch self {
        case .object(let members): members[name]
        case .remembered(let remembered): remembered.value.member(name)
        default: nil
        }
    }

    /// The text of a string value.
    @inlinable public var string: String? {
        switch self {
        case .string(let text): text
        case .remembered(let remembered): remembered.value.string
        default: nil
        }
    }

    /// The value itself, for a ``remembered(_:)`` one the value it holds.
    @inlinable public var unwrapped: TemplateValue {
        if case .remembered(let remembered) = self { remembered.value } else { self }
    }
}

/// A value made when a template shows it, for a caller whose values are too large to
/// hold made all at once (each of a page's thousands of rendered code sections, in a
/// page written straight into its file): an item of a list, made as the list's section
/// comes to it and let go when the section moves on. It is made each time it is shown,
/// so it must make the same value each time; values are equal only when identical.
public final class DeferredValue: @unchecked Sendable, Hashable {
    private let make: () throws(MustacheError) -> TemplateValue

    public init(_ make: @escaping () throws(MustacheError) -> TemplateValue) {
        self.make = make
    }

    /// The value, made now; a ``TemplateValue/deferred(_:)`` one that it makes is made too.
    func value() throws(MustacheError) -> TemplateValue {
        var value = try make()
        while case .deferred(let deferred) = value { value = try deferred.make() }
        return value
    }

    public static func == (lhs: DeferredValue, rhs: DeferredValue) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A value that keeps what sections render with it, for a caller that renders the
/// same value again and again (an overview's row of thousands, on every rebuild of a
/// preview): the second time a section shows it, the bytes of the first are copied.
///
/// That is only done where the bytes cannot differ: the section's content names
/// nothing that the value lacks (so no name is looked up outside it), includes no
/// partial, parent or block, and is not being re-indented; and the renderings are
/// kept by the section object itself and the rendering options. Everywhere else the
/// value renders as the one it holds. The value is never changed: a caller whose data
/// changed makes a new one.
public final class RememberedValue: Sendable, Hashable {
    public let value: TemplateValue
    /// What each section rendered with it, and under which options; a few at most,
    /// the first kept in the object itself, since it is the one asked for on every
    /// rebuild of a page of thousands of them.
    private let renderings = Mutex(Renderings())

    private struct Rendering: Sendable {
        let section: Template.Section
        let options: TemplateLibrary.Options
        let bytes: [UInt8]

        func isMade(by section: Template.Section, options: TemplateLibrary.Options) -> Bool {
            self.section === section && self.options == options
        }
    }

    private struct Renderings: Sendable {
        var first: Rendering?
        var others: [Rendering] = []

        var count: Int { first == nil ? 0 : 1 + others.count }
    }

    public init(_ value: TemplateValue) {
        self.value = value.unwrapped
    }

    func rendering(by section: Template.Section, options: TemplateLibrary.Options) -> [UInt8]? {
        renderings.withLock { renderings in
            if let first = renderings.first, first.isMade(by: section, options: options) { return first.bytes }
            return renderings.others.first { $0.isMade(by: section, options: options) }?.bytes
        }
    }

    /// How many renderings it keeps.
    var renderingCount: Int { renderings.withLock { $0.count } }

    func remember(_ bytes: [UInt8], renderedBy section: Template.Section, options: TemplateLibrary.Options) {
        let rendering = Rendering(section: section, options: options, bytes: bytes)
        renderings.withLock { renderings in
            guard renderings.first != nil else { return renderings.first = rendering }
            // Four at most: the oldest goes.
            if renderings.others.count == 3 { renderings.first = renderings.others.removeFirst() }
            renderings.others.append(rendering)
        }
    }

    public static func == (lhs: RememberedValue, rhs: RememberedValue) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    @inlinable public init(stringLiteral value: String) { self = .string(value) }
    @inlinable public init(integerLiteral value: Int) { self = .number(value) }
    @inlinable public init(floatLiteral value: Double) { self = .decimal(value) }
    @inlinable public init(booleanLiteral value: Bool) { self = .bool(value) }
    @inlinable public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    @inlinable public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
