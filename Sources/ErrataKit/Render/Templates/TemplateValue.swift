/// What a template can show: the context Errata hands to a template, and every value
/// inside it. Every name a template may use is present in its context, with ``none``
/// when there is nothing to show, so a name that is not there at all is a mistake in
/// the template (a typo) and is reported as one.
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// A name that exists but has no value here (`canonical` without a base URL).
    case none

    /// `string`, or ``none`` when there is none.
    public init(_ string: String?) {
        self = string.map(TemplateValue.string) ?? .none
    }

    /// Whether a section (`{{#name}}`) shows: not for `false`, an empty list, an empty
    /// string or ``none``.
    var isTruthy: Bool {
        switch self {
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        case .string(let text): !text.isEmpty
        case .none: false
        case .number, .object: true
        }
    }

    /// The member `name` of an object; `nil` when the value has no such member.
    func member(_ name: String) -> TemplateValue? {
        if case .object(let members) = self { members[name] } else { nil }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}

extension TemplateValue {
    /// The text of a string value.
    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
