/// A category of API error, such as `ITEM_ERROR`: the value of `error_type` in a
/// response, and the unit the docs give a page to.
public struct ErrorType: Sendable, Hashable, Codable {
    /// The identifier the API returns in `error_type`, e.g. `ITEM_ERROR`.
    public var id: String
    /// The heading the docs give the type, e.g. "Item errors".
    public var title: String
    /// The last part of the type page's address, e.g. `item` for `docs/errors/item/`.
    public var slug: String
    /// One line saying when errors of this type occur.
    public var description: String

    public init(id: String, title: String, slug: String, description: String) {
        self.id = id
        self.title = title
        self.slug = slug
        self.description = description
    }
}
