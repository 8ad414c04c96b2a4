import Foundation
import Testing

/// The repository builds its own site from its errata.yml, exactly as with flags.
struct RepositoryProjectTests {
    @Test func theRepositorysProjectFileBuildsTheSameSiteAsTheFlags() throws {
        let workspace = try Workspace()
        let fromFile = try Workspace(root: Workspace.repository).run(["build", "--output", workspace.path("from-file")])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let repository = Workspace.repository.path
        let fromFlags = try workspace.run(
            "build", "--content", repository + "/Content", "--templates", repository + "/Templates", "--output", "from-flags")
        #expect(fromFlags.status == 0, "\(fromFlags.stderr)")
        let a = try FileManager.default.subpathsOfDirectory(atPath: workspace.path("from-file")).sorted()
        #expect(a == (try FileManager.default.subpathsOfDirectory(atPath: workspace.path("from-flags")).sorted()))
        for path in a {
            #expect(FileManager.default.contents(atPath: workspace.path("from-file/" + path))
                == FileManager.default.contents(atPath: workspace.path("from-flags/" + path)), "\(path)")
        }
    }
}
