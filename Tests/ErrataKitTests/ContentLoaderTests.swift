import Foundation
import Testing
@testable import ErrataKit

/// The loader reads nothing from outside the content folder and loses no page: a
/// symbolic link out of it is refused with an error naming the link, before any page
/// is read; a link that stays inside is fine.
@Suite struct ContentLoaderTests {
    static let page = "---\ntitle: Page\n---\n\nText.\n"

    @Test func aPageLinkOutsideTheContentFolderIsRefused() throws {
        let content = try TemporaryContent()
        try content.write("docs/item.md", Self.page)
        try content.writeOutside("secret.md", "# Secret\n")
        try content.link("docs/secret.md", to: "../../secret.md")
        #expect(message(of: content) == "Content/docs/secret.md: error: the link leads to secret.md, outside the "
            + "content folder Content; Errata reads no page from outside it, so move or copy the page into the "
            + "content folder, or remove the link")
    }

    @Test func aFolderLinkOutsideTheContentFolderIsRefused() throws {
        let content = try TemporaryContent()
        try content.write("docs/item.md", Self.page)
        try content.writeOutside("elsewhere/page.md", "# Elsewhere\n")
        try content.link("docs/more", to: content.root.appendingPathComponent("elsewhere").path)
        #expect(message(of: content) == "Content/docs/more: error: the link leads to elsewhere, outside the content "
            + "folder Content; Errata reads no page from outside it, so move or copy the folder into the content "
            + "folder, or remove the link")
    }

    /// `/etc/passwd` renamed: not a page, but a link out of the folder all the same.
    @Test func aLinkToASystemFileIsRefused() throws {
        let content = try TemporaryContent()
        try content.link("passwd.md", to: "/etc/passwd")
        #expect(message(of: content) == "Content/passwd.md: error: the link leads to /etc/passwd, outside the content "
            + "folder Content; Errata reads no page from outside it, so move or copy the page into the content "
            + "folder, or remove the link")
    }

    @Test func aPageLinkThatLeadsNowhereIsRefused() throws {
        let content = try TemporaryContent()
        try content.link("gone.md", to: "missing.md")
        #expect(message(of: content)
            == "Content/gone.md: error: the link leads to missing.md, which does not exist; fix the link or remove it")
    }

    /// A pipe named like a page would block the build forever on its first read.
    @Test func aPipeNamedLikeAPageIsRefused() throws {
        let content = try TemporaryContent()
        try content.write("item.md", Self.page)
        #expect(mkfifo(content.content.appendingPathComponent("pipe.md").path, 0o644) == 0)
        #expect(message(of: content) == "Content/pipe.md: error: is not a regular file; a page must be a plain .md "
            + "file, not a pipe, socket or device")
    }

    /// Inside the folder: a link to a page is a page at the link's address; a link to
    /// a folder adds nothing (its pages are read at their own place), even one that
    /// leads to a folder it is in. Links that are not pages are never read.
    @Test func linksThatStayInsideAreFine() throws {
        let content = try TemporaryContent()
        try content.write("docs/item.md", Self.page)
        try content.link("docs/latest.md", to: "item.md")
        try content.link("docs/again", to: ".")
        try content.link("mirror", to: "docs")
        try content.link("logo.png", to: "/etc/hostname")
        try content.link("broken.png", to: "nowhere.png")
        #expect(try ContentLoader(directory: content.content).markdownPaths() == ["docs/item.md", "docs/latest.md"])
        let report = try content.check()
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.pages.map(\.route) == ["docs/item/", "docs/latest/"])
    }

    /// The content folder may itself be reached through a link.
    @Test func aContentFolderReachedThroughALinkIsRead() throws {
        let content = try TemporaryContent()
        try content.write("item.md", Self.page)
        let alias = content.root.appendingPathComponent("alias")
        try FileManager.default.createSymbolicLink(at: alias, withDestinationURL: content.content)
        #expect(try ContentLoader(directory: alias).markdownPaths() == ["item.md"])
        #expect(try ContentLoader(directory: alias).load("item.md").bytes == Array(Self.page.utf8))
    }

    /// Hidden pages are skipped, pages in hidden folders are not, as before.
    @Test func hiddenPagesAreSkipped() throws {
        let content = try TemporaryContent()
        try content.write(".draft.md", Self.page)
        try content.write(".drafts/page.md", Self.page)
        try content.write("notes.txt", "not a page")
        try content.write("folder.md/inner.md", Self.page)
        #expect(try ContentLoader(directory: content.content).markdownPaths() == [".drafts/page.md", "folder.md/inner.md"])
    }

    /// Every page that cannot be read is named, in one error, sorted by path.
    @Test func everyUnreadablePageIsNamedAtOnce() throws {
        let content = try TemporaryContent()
        try content.write("item.md", Self.page)
        try content.link("passwd.md", to: "/etc/passwd")
        try content.link("gone.md", to: "missing.md")
        #expect(mkfifo(content.content.appendingPathComponent("pipe.md").path, 0o644) == 0)
        #expect(message(of: content) == """
            Content/gone.md: error: the link leads to missing.md, which does not exist; fix the link or remove it
            Content/passwd.md: error: the link leads to /etc/passwd, outside the content folder Content; Errata reads \
            no page from outside it, so move or copy the page into the content folder, or remove the link
            Content/pipe.md: error: is not a regular file; a page must be a plain .md file, not a pipe, socket or device
            """)
    }

    /// Names are compared as bytes after NFC: `é` and `e` + U+0301 are one name.
    @Test func pagesThatAreOneNameOnceNormalisedAreRefused() throws {
        let content = try TemporaryContent()
        try content.write("docs/caf\u{E9}.md", Self.page)
        try content.write("docs/cafe\u{301}.md", Self.page)
        try content.write("docs/cafe.md", Self.page)
        #expect(message(of: content) == "Content/docs/cafe\u{301}.md: error: has the same name as Content/docs/caf\u{E9}.md "
            + "once Unicode-normalised (NFC): docs/cafe\\u{301}.md and docs/caf\\u{E9}.md spell one name two ways, and a "
            + "site cannot hold both; rename or remove one")
    }

    @Test func bytesThatAreNotUTF8AreShownEscaped() {
        #expect(SourceFolder.escapingInvalidUTF8(Array("caf".utf8) + [0xE9] + Array(".md".utf8)) == "caf\\xE9.md")
        #expect(SourceFolder.escapingInvalidUTF8([0xFF, 0xC3, 0xA9, 0xC3]) == "\\xFF\u{E9}\\xC3")
        #expect(SourceFolder.escapingInvalidUTF8(Array("ok/é".utf8)) == "ok/é")
    }

    /// The message of the load error, with the temporary folder taken off.
    private func message(of content: TemporaryContent) -> String? {
        do {
            _ = try content.check()
            return nil
        } catch {
            let root = content.root.path + "/"
            return error.description.replacingOccurrences(of: root, with: "")
        }
    }
}
