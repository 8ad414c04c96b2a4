// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Errata",
    platforms: [.macOS(.v15)],  // Synchronization's Mutex (RememberedValue)
    products: [
        .executable(name: "errata", targets: ["errata"]),
        .library(name: "ErrataKit", targets: ["ErrataKit"]),
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "Mustache", targets: ["Mustache"]),
        .library(name: "ErrataModel", targets: ["ErrataModel"]),
        .plugin(name: "ErrataPlugin", targets: ["ErrataPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // What the preview's connection handling imports directly (Hummingbird builds on them).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // cmark-gfm and its extensions, from Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The only importer of CCmarkGFM: a memory-safe view of cmark-gfm's node tree.
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // A strict JSON reader that keeps the line and column of every key and value.
        .target(name: "JSON"),
        // Mustache templates: the specification's language, parsed once, rendered fast.
        .target(name: "Mustache"),
        // The error model's types and their JSON form, for an API's own code too.
        .target(name: "ErrataModel"),
        // The engine: load → parse → check → render → write.
        .target(
            name: "ErrataKit",
            dependencies: [
                "ErrataModel",
                "JSON",
                "Markdown",
                "Mustache",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The writers' preview: an HTTP server for a site held in memory, with live reload.
        .target(
            name: "ErrataPreview",
            dependencies: [
                "ErrataKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command line: a thin layer over ErrataKit.
        .executableTarget(
            name: "errata",
            dependencies: [
                "ErrataKit",
                "ErrataPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift package errata …` in an API's own package, with its catalog from its code.
        .plugin(
            name: "ErrataPlugin",
            capability: .command(
                intent: .custom(verb: "errata", description: "Check, build or serve the error docs against the package's catalog")
            ),
            dependencies: ["errata"]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "ErrataModelTests", dependencies: ["ErrataModel"]),
        // Runs the Mustache specification's own suite, from ../shared/conformance/.
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"]),
        .testTarget(
            name: "ErrataKitTests",
            dependencies: ["ErrataKit", "JSON", "Markdown"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ErrataPreviewTests",
            dependencies: [
                "ErrataPreview",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Runs the real `errata` binary: exit statuses, output streams, files written.
        .testTarget(
            name: "ErrataCommandTests",
            dependencies: [
                "errata",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
