// swift-tools-version: 6.0
import PackageDescription

// The fuzz targets for Errata's parse → check → render path and for its model file,
// built with libFuzzer and AddressSanitizer. It is its own package so that the main
// build and the test suite never see the fuzzer; build and run it with
// `Scripts/fuzz.sh [--target page|model]`.
//
// The root package is a dependency by path. A package found by path is named after
// its folder, which is whatever the repository was cloned as, so the name is read
// off the folder two levels up.
let rootFolder = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "Errata"

let package = Package(
    name: "ErrataFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        // libFuzzer supplies `main`; the target supplies `LLVMFuzzerTestOneInput`.
        .executableTarget(
            name: "PageFuzzer",
            dependencies: [
                .product(name: "ErrataKit", package: rootFolder),
                .product(name: "JSON", package: rootFolder),
            ]
        ),
        // The model file: the JSON parser and the catalog reader.
        .executableTarget(
            name: "ModelFuzzer",
            dependencies: [
                .product(name: "ErrataKit", package: rootFolder),
                .product(name: "JSON", package: rootFolder),
            ]
        ),
        // The template engine: parsing, loop finding and rendering in both modes.
        .executableTarget(
            name: "TemplateFuzzer",
            dependencies: [.product(name: "Mustache", package: rootFolder)]
        ),
    ]
)
