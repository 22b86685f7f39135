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
        // vfork/exec of the child on a pseudo-terminal; no Swift runs between vfork and exec.
        .target(name: "CPTYSpawn", dependencies: ["CSystem"]),
        // The one funnel for system calls: the libc import, EINTR retried in one helper,
        // SystemError (call, path, errno), owned close-on-exec descriptors.
        .target(name: "MaskrunSystem", dependencies: ["CSystem"]),
        // What MaskrunSystem cannot call from Swift: pipe2 and the variadic ioctls.
        .target(name: "CSystem"),
        // Before anything else: closed descriptors 0–2 reopened, fatal signals caught.
        .target(name: "CProcessGuard"),
        // SIMD byte-class masks for the engine's keyword-less candidate search (header-only).
        .target(name: "CByteScan"),
        // Pure masking engine: bytes in, bytes out; no file descriptors, no clock.
        .target(
            name: "MaskrunEngine",
            dependencies: [
                "CPCRE2",
                "CVectorscan",
                "CByteScan",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The engine's classes are used from one thread each; the run-time check of
            // exclusive access was a sixth of a small read's cost. Debug builds (the tests)
            // keep it, so a violation is still caught there.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // The policy file: YAML in, engine configuration out.
        .target(
            name: "MaskrunPolicy",
            dependencies: ["MaskrunEngine", "MaskrunSystem", "Yams"]
        ),
        // Pseudo-terminal, termios and signals; knows nothing about masking.
        .target(name: "MaskrunTerminal", dependencies: ["CPTYSpawn", "MaskrunSystem"]),
        // Recordings: asciicast and text writers, the audit log, age encryption, replay.
        // Knows nothing of the pty loop or of masking; it is handed bytes and events.
        .target(
            name: "MaskrunRecording",
            dependencies: ["MaskrunSystem", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Wires policy, engine, terminal and recording into the commands.
        .target(
            name: "MaskrunCore",
            dependencies: ["CProcessGuard", "MaskrunSystem", "MaskrunEngine", "MaskrunPolicy", "MaskrunTerminal", "MaskrunRecording"]
        ),
        // ZeroMQ from the system (Debian: libzmq3-dev), for the notebook kernel proxy.
        .systemLibrary(
            name: "CZMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // fork/exec of the real notebook kernel; no Swift runs between fork and exec.
        .target(name: "CKernelSpawn"),
        // Notebook kernels (SPEC §6): the Jupyter protocol proxy and the kernelspec commands.
        .target(
            name: "MaskrunKernel",
            dependencies: [
                "CZMQ", "CKernelSpawn", "MaskrunSystem", "MaskrunEngine", "MaskrunCore", "MaskrunRecording",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "maskrun",
            dependencies: [
                "MaskrunCore",
                "MaskrunKernel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // One self-contained binary: the Swift runtime and Foundation linked in, so it
            // needs only the system's C libraries (libc, libstdc++, PCRE2) wherever it is
            // installed, not the toolchain it was built with.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]
        ),
        // What the property tests and the fuzzers share: the seeded generator.
        .target(name: "MaskrunTestSupport", path: "Tests/MaskrunTestSupport"),
        .testTarget(name: "MaskrunEngineTests", dependencies: ["MaskrunEngine", "MaskrunTestSupport"]),
        .testTarget(name: "MaskrunPolicyTests", dependencies: ["MaskrunPolicy", "MaskrunEngine"]),
        .testTarget(name: "MaskrunTerminalTests", dependencies: ["MaskrunTerminal", "MaskrunSystem"]),
        .testTarget(name: "MaskrunSystemTests", dependencies: ["MaskrunSystem"]),
        .testTarget(name: "MaskrunRecordingTests", dependencies: ["MaskrunRecording", "MaskrunSystem", "MaskrunTestSupport"]),
        .testTarget(name: "MaskrunCoreTests", dependencies: ["MaskrunCore"]),
        .testTarget(name: "MaskrunKernelTests", dependencies: ["MaskrunKernel"]),
    ]
)

// libFuzzer targets, only with MASKRUN_FUZZ=1 (fuzz/run.sh gives the coverage and
// sanitizer flags and links libFuzzer).
if Context.environment["MASKRUN_FUZZ"] != nil {
    package.targets.append(.target(name: "CFuzzDriver", path: "fuzz/CFuzzDriver"))
    let fuzzTargets: [(String, [Target.Dependency])] = [
        ("FuzzEngine", ["CFuzzDriver", "MaskrunEngine", "MaskrunPolicy", "MaskrunTestSupport"]),
        ("FuzzPolicy", ["CFuzzDriver", "MaskrunEngine", "MaskrunPolicy"]),
        ("FuzzReplay", ["CFuzzDriver", "MaskrunRecording"]),
    ]
    // libFuzzer without its main(), named by fuzz/run.sh; only the fuzz targets link it, so
    // the same build folder also holds the AddressSanitizer build of the tests.
    let libFuzzer = Context.environment["MASKRUN_LIBFUZZER"].map { [$0, "-lstdc++"] } ?? []
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(
            name: name, dependencies: dependencies, path: "fuzz/\(name)",
            linkerSettings: [.unsafeFlags(libFuzzer)]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
