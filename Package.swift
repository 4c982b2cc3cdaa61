// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: the executable wires the I/O targets (NcursesTerminal,
// BylineStore, BylineFeeds) to the pure ones (BylineUI, TerminalKit, FeedParsing,
// BylineExtract, BylineCore). Nothing pure imports an I/O target.
let package = Package(
    name: "Byline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "byline", targets: ["byline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // libxml2's headers (libxml2-dev), and the few functions byline calls, loaded on
        // first use (Sources/CLibXML2/lazy.c): linked, libxml2 brings ICU, liblzma and zlib
        // into every start, though most runs parse no document.
        .target(name: "CLibXML2", linkerSettings: [.linkedLibrary("dl")]),
        // libcurl's headers, and the few functions byline calls, loaded on first use
        // (Sources/CCurl/lazy.c): linked, libcurl's libraries weigh on every run.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),

        // MARK: - Pure
        // The one reading of terminal control sequences, shared by every layer that cleans
        // text: its own target because TerminalKit must not depend on the story core.
        .target(name: "TerminalSafety"),
        .target(name: "BylineCore", dependencies: ["TerminalSafety"]),
        .target(name: "TerminalKit", dependencies: ["TerminalSafety"]),
        .target(name: "StorySearch", dependencies: ["BylineCore"]),
        .target(name: "BylineConfig", dependencies: ["TerminalKit", .product(name: "TOMLKit", package: "TOMLKit")]),
        // HTML → story with libxml2's parser, on bytes in memory: no files, no network.
        .target(name: "BylineExtract", dependencies: ["BylineCore", "CLibXML2"]),
        // Feeds, OPML and feed-page discovery from bytes to values; fetching is BylineFeeds'.
        .target(name: "FeedParsing", dependencies: ["BylineCore", "BylineExtract", "CLibXML2", "TerminalSafety"]),
        .target(
            name: "BylineUI",
            dependencies: [
                "BylineCore", "TerminalKit", "BylineConfig",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),

        // MARK: - I/O
        .target(name: "BylineStore", dependencies: ["BylineCore", "TerminalSafety", "StorySearch"]),
        .target(name: "NcursesTerminal", dependencies: ["CNcursesw", "TerminalKit"]),
        .target(
            name: "BylineFeeds",
            dependencies: [
                "BylineCore", "BylineExtract", "BylineStore", "FeedParsing", "CCurl", "BylineConfig",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),

        .target(name: "BylineSync", dependencies: ["BylineCore", "BylineStore", "BylineFeeds", "FeedParsing"]),

        // MARK: - The program
        .executableTarget(
            name: "byline",
            dependencies: [
                "BylineCore", "BylineStore", "BylineUI", "TerminalKit", "NcursesTerminal",
                "BylineFeeds", "BylineExtract", "BylineConfig", "BylineSync",
                "FeedParsing",
                "TerminalSafety",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release links with lld and packs its relative relocations (glibc 2.36+):
            // a static build's 2 MB of relocation records, read at every start, become
            // 16 KB, and some 1.5 MiB less of the program is in memory.
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                             .when(platforms: [.linux], configuration: .release)),
                // The functions a start runs, laid out together (Linker/startup-order.txt,
                // written by Scripts/startup-order): the kernel maps 64 KB of code around
                // each page run, and those functions spread over 12 of the 18 MB of code.
                // With the rest of the start's savings, the program's own pages after the
                // folder check at 100,000 stories went from 17.0 MiB to 9.5-10.7, and
                // Scripts/bench's peak at first screen from 25.6 MiB to 17.7.
                .unsafeFlags(["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Linker/startup-order.txt",
                              "-Xlinker", "--no-warn-symbol-ordering"],
                             .when(platforms: [.linux], configuration: .release)),
            ]
        ),

        // Times the search index on a library (Scripts/bench-search runs it).
        .executableTarget(name: "search-benchmark", dependencies: ["BylineCore", "BylineStore"]),

        // MARK: - Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BylineCoreTests", dependencies: ["BylineCore", "TestSupport"]),
        .testTarget(name: "StorySearchTests", dependencies: ["StorySearch", "BylineCore", "TestSupport"]),
        .testTarget(name: "TerminalSafetyTests", dependencies: ["TerminalSafety", "BylineCore", "TerminalKit"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"]),
        .testTarget(name: "BylineStoreTests", dependencies: ["BylineStore", "BylineCore", "TestSupport"]),
        .testTarget(name: "BylineUITests", dependencies: ["BylineUI", "BylineCore", "TerminalKit", "BylineConfig", "TestSupport"]),
        .testTarget(
            name: "BylineFeedsTests",
            dependencies: ["BylineFeeds", "FeedParsing", "BylineCore", "BylineStore", "BylineExtract", "TestSupport"]
        ),
        .testTarget(
            name: "FeedParsingTests",
            dependencies: ["FeedParsing", "BylineCore", "TestSupport"],
            // The corpus harness's scripts and expected-failure list, read from disk.
            exclude: ["Corpus"]
        ),
        .testTarget(name: "BylineConfigTests", dependencies: ["BylineConfig", "TerminalKit", "TestSupport"]),
        .testTarget(name: "BylineExtractTests", dependencies: ["BylineExtract", "BylineCore", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "BylineCore", "BylineStore"]),
        // The executable's own parts (its command lines read without the argument parser).
        .testTarget(name: "BylineCommandTests", dependencies: ["byline", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(
            name: "BylineSyncTests",
            dependencies: ["BylineSync", "BylineFeeds", "FeedParsing", "BylineStore", "BylineCore", "TestSupport"],
            resources: [.copy("Recorded")]
        ),
        .testTarget(name: "SyncEndToEndTests", dependencies: ["BylineStore", "BylineCore", "TestSupport"]),
    ]
)

// MARK: - Code layout (release, Linux)
// Each function in a section of its own, so that the link can lay out the start's functions
// together (see `startup-order.txt` above) and drop those nothing calls: without this, a
// Swift object keeps its helpers (value witnesses, specialisations) in one block that can
// only move whole.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release)),
    ]
}

// MARK: - Fuzzing (only for Scripts/fuzz, which sets BYLINE_FUZZ; see that script)
if Context.environment["BYLINE_FUZZ"] != nil {
    let fuzzTargets: [(String, [Target.Dependency])] = [
        ("FuzzStoryFile", ["BylineCore"]),
        ("FuzzTextRoutines", ["BylineCore", "TerminalKit"]),
        ("FuzzFeedXML", ["FeedParsing"]),
        ("FuzzFeedJSON", ["FeedParsing"]),
        ("FuzzOPML", ["FeedParsing"]),
        ("FuzzExtract", ["BylineExtract"]),
        ("FuzzTheme", ["BylineUI"]),
        ("FuzzFeedsConfig", ["BylineFeeds"]),
        ("FuzzConfig", ["BylineConfig"]),
    ]
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Driver"))
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["FuzzDriver"] + dependencies, path: "Fuzz/Targets/\(name)"
        ))
    }
}
