// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bascule",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bascule", targets: ["bascule"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Vapor's own multipart parser, driven directly: an uploaded export streams to disk.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // libxml2 (Debian: libxml2-dev), for streaming the AAF exports.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // OpenSSL's libcrypto (Debian: libssl-dev) and zlib, for the encrypted EDT/PRONOTE exports.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Pure domain: school years, UAI codes, the directory's and the services' values, the
        // year-change rules. No I/O, no C library, no Vapor, no database.
        .target(
            name: "BasculeDomain",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Readers of the formats Bascule is fed with (the AAF exports, the timetable exports), on libxml2.
        .target(
            name: "BasculeFormats",
            dependencies: [
                "BasculeDomain",
                "CLibXML2",
                "CLibCrypto",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The deterministic synthetic académie (directory, a year of activity) and its AAF export.
        .target(
            name: "BasculeGenerator",
            dependencies: [
                "BasculeDomain",
                "BasculeFormats",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Fluent models, migrations and set-based SQL. No HTTP.
        .target(
            name: "BasculeStorage",
            dependencies: [
                "BasculeDomain",
                "BasculeFormats",
                "BasculeGenerator",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Configuration, web pages, JSON API and CLI commands.
        .target(
            name: "BasculeApp",
            dependencies: [
                "BasculeDomain",
                "BasculeFormats",
                "BasculeGenerator",
                "BasculeStorage",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .executableTarget(
            name: "bascule",
            dependencies: ["BasculeApp", .product(name: "Vapor", package: "vapor")]
        ),
        .testTarget(
            name: "BasculeDomainTests",
            dependencies: ["BasculeDomain", "BasculeFormats", "BasculeGenerator"]
        ),
        // Stores, migrations and access rules on a real database, without Vapor.
        .testTarget(
            name: "BasculeStorageTests",
            dependencies: [
                "BasculeStorage",
                "BasculeDomain",
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        .testTarget(
            name: "BasculeAppTests",
            dependencies: [
                "BasculeApp",
                "BasculeStorage",
                "BasculeDomain",
                "BasculeFormats",
                "BasculeGenerator",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
