// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for jbp's readers (issue 8). A package of its own, so that the main
// package and CI never build with the fuzzer; `scripts/fuzz` builds and runs them:
//
//   swift build -c release --scratch-path ../.build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// Each target is one `LLVMFuzzerTestOneInput`, run by libFuzzer's driver (FuzzDriver).
let package = Package(
    name: "jbp-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "jbp", path: ".."),
    ],
    targets: [
        // Hands each target's `main` to libFuzzer's driver (see FuzzDriver.h).
        .target(name: "FuzzDriver"),
        // The course renderer, on course text (raw HTML kept) and on a trainee's (dropped).
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzDriver", .product(name: "CourseMarkdown", package: "jbp")]),
        // Numbers as trainees write them: 9.19%, 190.2万, 1,902,000, ９.１９％.
        .executableTarget(name: "FuzzNumbers", dependencies: ["FuzzDriver", .product(name: "Grading", package: "jbp")]),
        // A distributor case (YAML or JSON), then its review.
        .executableTarget(name: "FuzzCase", dependencies: ["FuzzDriver", .product(name: "JBPModel", package: "jbp")]),
        // A submission (JSON or YAML), then its grade on a review, a quiz and the plan exercise.
        .executableTarget(name: "FuzzSubmission", dependencies: ["FuzzDriver", .product(name: "Grading", package: "jbp")]),
    ]
)
