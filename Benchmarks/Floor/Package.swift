// swift-tools-version: 6.0
// The floor: the least work any cmark-gfm site generator must do on a content folder.
// Built and run by Benchmarks/run.py; see Benchmarks/README.md.
import PackageDescription

let package = Package(
    name: "Floor",
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .executableTarget(name: "floor", dependencies: ["CCmarkGFM"]),
    ]
)
