// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way:
//   coach → CoachConsole → CoachDemo → CoachSessions → CoachStore → CoachScoring → CoachCore
//   CoachConsole → CoachOrgStore → CoachStore (the organisation store on PostgreSQL)
// (a module may also use any module further down the line).
// Only CoachConsole imports CReadline (GNU readline, GPL-3.0: see LICENSE); only CoachStore
// imports CSQLiteSettings (process-wide SQLite settings, in C).
let package = Package(
    name: "coach",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coach", targets: ["coach"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // GNU readline (libreadline-dev; on macOS Homebrew's readline), with the C helpers and
        // Ctrl-C state Swift cannot express, in one C file.
        .target(name: "CReadline", linkerSettings: [.linkedLibrary("readline")]),
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "CoachCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            // ICU as Foundation ships it on Linux: the confusable skeleton of names (NameKey).
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),
        .target(name: "CoachScoring", dependencies: ["CoachCore"]),
        .target(
            name: "CoachStore",
            dependencies: [
                "CoachCore", "CoachScoring", "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The organisation store: PostgreSQL through postgres-nio, with a blocking bridge in one
        // place (the console is synchronous), and SCRAM verifiers computed here with swift-crypto
        // so no password ever reaches the server as text.
        .target(
            name: "CoachOrgStore",
            dependencies: [
                "CoachCore", "CoachStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "CoachSessions", dependencies: ["CoachCore", "CoachScoring", "CoachStore"]),
        .target(name: "CoachDemo", dependencies: ["CoachCore", "CoachScoring", "CoachStore", "CoachSessions"]),
        .target(
            name: "CoachConsole",
            dependencies: [
                "CoachCore", "CoachScoring", "CoachStore", "CoachOrgStore", "CoachSessions", "CoachDemo", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .executableTarget(name: "coach", dependencies: ["CoachConsole"]),
        // What tests share: fixtures read from the bundled surveys, scripted conversations and
        // line readers, the in-process test shell, the sandbox and process runner for the built
        // binary, the pseudo-terminal harness, seeded randomness, the throwaway PostgreSQL server. Test doubles live here, never
        // in the product.
        .target(name: "CoachTestSupport", dependencies: ["CoachCore", "CoachScoring", "CoachStore", "CoachOrgStore", "CoachConsole",
                                                         .product(name: "PostgresNIO", package: "postgres-nio")],
                path: "Tests/CoachTestSupport"),
        .testTarget(name: "CoachCoreTests", dependencies: ["CoachCore", "CoachTestSupport"]),
        .testTarget(name: "CoachScoringTests", dependencies: ["CoachScoring", "CoachTestSupport"]),
        .testTarget(name: "CoachStoreTests", dependencies: ["CoachStore", "CoachTestSupport"]),
        .testTarget(name: "CoachSessionsTests", dependencies: ["CoachSessions", "CoachStore", "CoachScoring", "CoachCore", "CoachTestSupport"]),
        .testTarget(name: "CoachOrgStoreTests", dependencies: [
            "CoachOrgStore", "CoachSessions", "CoachStore", "CoachScoring", "CoachCore", "CoachTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "CoachDemoTests", dependencies: ["CoachDemo", "CoachSessions", "CoachStore", "CoachScoring", "CoachCore"]),
        .testTarget(name: "CoachConsoleTests", dependencies: [
            "CoachConsole", "CoachTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["coach", "CoachConsole", "CoachCore", "CoachScoring", "CoachOrgStore", "CoachTestSupport"],
                    exclude: ["Fixtures"]),  // files the tests read by path (CRM exports for `kpi import`)
    ]
)
