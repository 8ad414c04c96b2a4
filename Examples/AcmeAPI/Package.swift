// swift-tools-version: 6.0
import PackageDescription

// An API's own package using Errata: AcmeErrors declares the catalog with ErrataModel
// (the API's server code would use the same values for its responses), AcmeCatalog
// prints it for `swift package errata`, and Content/ documents it.
//
// Errata is found by path; a package found by path is named after its folder, which is
// whatever the repository was cloned as, so the name is read off the folder.
let errataFolder = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "Errata"

let package = Package(
    name: "AcmeAPI",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "AcmeErrors", dependencies: [.product(name: "ErrataModel", package: errataFolder)]),
        .executableTarget(name: "AcmeCatalog", dependencies: ["AcmeErrors"]),
    ]
)
