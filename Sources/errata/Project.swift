import ErrataKit
import Foundation

/// The project file of the working directory or its nearest parent (`errata.yml`),
/// and the settings a command takes from it where its flags are not given.
struct Project {
    let file: ProjectFile?
    /// Problems with the file, as `config` diagnostics.
    let diagnostics: [Diagnostic]

    /// Finds and reads the project file, if there is one.
    static func load() -> Project {
        guard let url = ProjectFile.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) else {
            return Project(file: nil, diagnostics: [])
        }
        let (file, diagnostics) = ProjectFile.read(url)
        return Project(file: file, diagnostics: diagnostics)
    }

    /// For commands that report no diagnostics of their own: a project file with
    /// problems is printed, and the command stops with exit status 2.
    func requireValid() throws {
        guard diagnostics.isEmpty else {
            Terminal.report(diagnostics)
            Terminal.error("errata: fix \(ProjectFile.fileName) first")
            throw ExitStatus.usageOrIO.exitCode
        }
    }

    /// A folder or file: the flag's (relative to the working directory), else the project
    /// file's (relative to the file), else the default.
    func path(_ flag: String?, _ setting: KeyPath<ProjectFile, URL?>, default name: String) -> URL {
        if let flag { return URL(fileURLWithPath: flag) }
        return file?[keyPath: setting] ?? URL(fileURLWithPath: name)
    }

    /// Like ``path(_:_:default:)``, with no default: `nil` when neither gives one.
    func optionalPath(_ flag: String?, _ setting: KeyPath<ProjectFile, URL?>) -> URL? {
        flag.map { URL(fileURLWithPath: $0) } ?? file?[keyPath: setting]
    }

    /// The base URL: the flag's, else the project file's.
    func baseURL(_ flag: String?) -> String? {
        flag ?? file?.baseURL
    }
}
