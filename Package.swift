// swift-tools-version: 6.2
import PackageDescription

/// The project's own targets treat every warning as an error.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "jbp",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jbp", targets: ["jbp"]),
        // The pure libraries, for the fuzz targets in fuzz/ (a package of its own).
        .library(name: "CourseMarkdown", targets: ["CourseMarkdown"]),
        .library(name: "JBPModel", targets: ["JBPModel"]),
        .library(name: "Grading", targets: ["Grading"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // The company store: PostgreSQL through its pooled client.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // `GET /metrics` in Prometheus's text format.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        // Graceful shutdown and the retention job run as services of the application.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // cmark's C API, from Debian's libcmark-dev. Only CourseMarkdown/Cmark.swift imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The course as Markdown: front matter, fenced-block rewriters, headings, the course loader.
        .target(
            name: "CourseMarkdown",
            dependencies: ["CCmark", "Yams", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strict
        ),
        // The answer key: cases, the review, opportunities, segmentation, plans, the ScoreCard. Pure.
        .target(
            name: "JBPModel",
            dependencies: ["Yams"],
            swiftSettings: strict
        ),
        // The course's charts as SVG strings: ROI tree, GAPs, opportunity waterfall, score
        // histogram, ScoreCard trend. Pure: the model only, no Foundation.
        .target(
            name: "Charts",
            dependencies: ["JBPModel"],
            swiftSettings: strict
        ),
        // Exercises, submissions and grades. Pure.
        .target(
            name: "Grading",
            dependencies: ["JBPModel", "Yams"],
            swiftSettings: strict
        ),
        // libqrencode's C API, from Debian's libqrencode-dev. Only JBPServer/QRCode.swift imports it.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The session server: application assembly, controllers, the database, templates.
        .target(
            name: "JBPServer",
            dependencies: [
                "Charts",
                "CourseMarkdown", "JBPModel", "Grading", "CQRencode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // One file per subcommand, as a library the tests can call.
        .target(
            name: "JBPCommands",
            dependencies: [
                "Charts",
                "CourseMarkdown", "JBPModel", "Grading", "JBPServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `jbp bench render`'s floor reads the course's tables with CSV.swift, as the renderer does.
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "jbp",
            dependencies: ["JBPCommands"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CourseMarkdownTests",
            dependencies: ["CourseMarkdown"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JBPModelTests",
            dependencies: [
                "JBPModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Charts", "JBPModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JBPCommandsTests",
            dependencies: ["JBPCommands", "JBPModel", "CourseMarkdown", "Grading"],
            // Read from the source tree by the hostile-file test (#filePath), not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JBPServerTests",
            dependencies: [
                "JBPServer",
                "JBPModel",
                "Grading",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // To make a database of its own for each test when the suite runs on PostgreSQL.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // To write a migration from the future into a test's SQLite file.
                .product(name: "GRDB", package: "GRDB.swift"),
                // To run the drain inside a service group, as `jbp serve` does.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Read from the source tree by the hostile-input test (#filePath), not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GradingTests",
            dependencies: ["Grading", "JBPModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ]
)
