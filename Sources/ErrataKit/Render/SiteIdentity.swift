import Mustache

/// Who the site is for: the name every page shows in its header and title, the pages'
/// language, and the links a reference needs. Templates see it as `site`
/// (`{{site.name}}`, `{{site.lang}}`, `{{site.home}}`, `{{site.support}}`).
public struct SiteIdentity: Sendable, Hashable {
    /// The API's or company's name, e.g. "Acme".
    public var name: String
    /// The pages' language, as `<html lang>` takes it.
    public var lang: String
    /// The company's home page and support page, when given.
    public var homeLink: String?
    public var supportLink: String?

    public init(name: String, lang: String = "en", homeLink: String? = nil, supportLink: String? = nil) {
        self.name = name
        self.lang = lang
        self.homeLink = homeLink
        self.supportLink = supportLink
    }

    /// The identity of the built-in Concentrix reference, for projects without a name.
    public static let concentrix = SiteIdentity(name: "Concentrix")

    /// The identity a project file gives, the built-in one's where it is silent.
    public init(_ project: ProjectFile?) {
        self.init(
            name: project?.name ?? Self.concentrix.name, lang: project?.lang ?? Self.concentrix.lang,
            homeLink: project?.homeLink, supportLink: project?.supportLink)
    }

    /// `site` in a template's context.
    var templateValue: TemplateValue {
        ["name": .string(name), "lang": .string(lang), "home": TemplateValue(homeLink), "support": TemplateValue(supportLink)]
    }
}
