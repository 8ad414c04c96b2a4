/// Rule `second-title` (warning): a `#` heading in the body of a page, which is
/// published as a second `h1` beside the page's title — the front matter's `title`,
/// the `#` heading that opens the body, or else the file name. The heading is kept
/// where it is written (a writer's text is never dropped); the message says how to
/// leave the page one title.
struct TitleRules {
    func check(_ page: Page) -> [Diagnostic] {
        page.blocks.compactMap { block in
            guard case .heading(let heading) = block, heading.level == 1 else { return nil }
            return Diagnostic(.warning, .secondTitle, message(for: heading, on: page), at: heading.location)
        }
    }

    private func message(for heading: Heading, on page: Page) -> String {
        let this = "the # heading \(heading.text.quotedForMessage) is a second title"
        switch page.titleSource {
        case .frontMatter:
            return "\(this): the page's title \(page.title.quotedForMessage) is its front matter's title; "
                + "make this heading ## or lower, or delete it if it repeats the title"
        case .heading(let location):
            return "\(this): the page's title is the # heading at line \(location.line); make this heading ## or lower"
        case .fileName:
            return "\(this): text comes before it, so the page's title is its file name \(page.title.quotedForMessage); "
                + "move the heading to the top of the page, or give the front matter a title and make this heading ## or lower"
        }
    }
}
