// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "maskrun",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "maskrun", targets: ["maskrun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // PCRE2 from the system (Debian: libpcre2-dev).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // Vectorscan, the engine's first pass: every rule's keywords in one scan (Debian: libvectorscan-dev).
        .systemLibrary(
            name: "CVectorscan",
            pkgConfig: "libhs",
            providers: [.apt(["libvectorscan-dev"]), .brew(["vectorscan"])]
        ),
        // fork/exec of the child on a pseudo-terminal; no Swift runs between fork and exec.
        .target(name: "CPTYSpawn"),
        // Pure masking engine: bytes in, bytes out; no file descriptors, no clock.
        .target(
            name: "MaskrunEngine",
            dependencies: [
                "CPCRE2",
                "CVectorscan",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The policy file: YAML in, engine configuration out.
        .target(
            name: "MaskrunPolicy",
            dependencies: ["MaskrunEngine", "Yams"]
        ),
        // Pseudo-terminal, termios and signals; knows nothing about masking.
        .target(name: "MaskrunTerminal", dependencies: ["CPTYSpawn"]),
        // Recordings: asciicast and text writers, the audit log, age encryption, replay.
        // Knows nothing of the pty loop or of masking; it is handed bytes and events.
        .target(
            name: "MaskrunRecording",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Wires policy, engine, terminal and recording into the commands.
        .target(
            name: "MaskrunCore",
            dependencies: ["MaskrunEngine", "MaskrunPolicy", "MaskrunTerminal", "MaskrunRecording"]
        ),
        .executableTarget(
            name: "maskrun",
            dependencies: [
                "MaskrunCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MaskrunEngineTests", dependencies: ["MaskrunEngine"]),
        .testTarget(name: "MaskrunPolicyTests", dependencies: ["MaskrunPolicy", "MaskrunEngine"]),
        .testTarget(name: "MaskrunTerminalTests", dependencies: ["MaskrunTerminal"]),
        .testTarget(name: "MaskrunRecordingTests", dependencies: ["MaskrunRecording"]),
    ]
)
