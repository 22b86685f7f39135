import Foundation
import MaskrunEngine
import MaskrunPolicy

/// The options `run` and `filter` share that decide what is masked (SPEC §1).
public struct MaskingOptions {
    public var policyPath: String?
    public var maskEnvironment: [String] = []
    public var maskValuesFrom: [String] = []
    public var flushAfter: Duration?

    public init() {}

    /// What was built from the options: the engine, the policy and the flush window.
    public struct Setup {
        public let engine: MaskingEngine
        public let policy: Policy
        public let flushAfter: Duration
        /// Variables the command must not inherit: the hash key (SPEC §8), since with it
        /// `[hash:…]` values and audit fingerprints of short values can be brute-forced.
        public let withheldEnvironment: [String]

        /// `environment` without the withheld variables: what the command is given.
        public func childEnvironment(_ environment: [String: String]) -> [String: String] {
            environment.filter { !withheldEnvironment.contains($0.key) }
        }
    }

    /// Loads the policy and literal values. Every problem is a `MaskrunFailure` (exit 125)
    /// whose message names the file, line and column or the option, never a secret.
    /// `defaultFlush`: 30 ms when the output is a terminal, 1 s otherwise (SPEC §4).
    public func setup(environment: [String: String], defaultFlush: Duration, standardInput: () -> [UInt8]) throws(MaskrunFailure) -> Setup {
        let source = PolicySource.resolve(explicit: policyPath, environment: environment)
        let policy: Policy
        let compiled: PolicyCompiler.Result
        do {
            policy = try source.load()
            compiled = try PolicyCompiler.compile(
                policy, environment: environment, extraRules: try extraRules(policy, environment, standardInput),
                vectorscanCache: VectorscanFileCache.make(environment: environment))
        } catch let error as PolicyError {
            throw MaskrunFailure(error.description)
        } catch let error as MaskrunFailure {
            throw error
        } catch {
            throw MaskrunFailure("\(error)")
        }
        Diagnostics.use(compiled.engine)
        for warning in compiled.warnings { Diagnostics.warning(warning) }
        return Setup(
            engine: compiled.engine, policy: policy, flushAfter: flushAfter ?? policy.flushAfter ?? defaultFlush,
            withheldEnvironment: policy.hashKeyEnvironment.map { [$0] } ?? [])
    }

    private func extraRules(_ policy: Policy, _ environment: [String: String], _ standardInput: () -> [UInt8]) throws -> [MaskRule] {
        let minimum = policy.minimumValueLength
        var rules: [MaskRule] = []
        for name in maskEnvironment {
            guard let value = environment[name], !value.isEmpty else {
                throw MaskrunFailure("--mask-env \(name): the variable is \(environment[name] == nil ? "not set" : "empty")")
            }
            guard value.utf8.count >= minimum else {
                throw MaskrunFailure("--mask-env \(name): the value is shorter than \(minimum) bytes; refusing to mask it everywhere")
            }
            rules += MaskRule.literals(id: "env:\(name)", values: [Array(value.utf8)], minimumLength: minimum, replacement: policy.replacement)
        }
        // The hash key is masked like a --mask-env value, whatever its length (PolicyCompiler
        // refuses keys shorter than 16 bytes).
        if let name = policy.hashKeyEnvironment, let value = environment[name], !value.isEmpty {
            rules += MaskRule.literals(id: "env:\(name)", values: [Array(value.utf8)], minimumLength: min(minimum, value.utf8.count), replacement: policy.replacement)
        }
        for path in maskValuesFrom {
            let values: [[UInt8]]
            do {
                values = path == "-"
                    ? try LiteralFile.parse(standardInput(), name: "<stdin>", minimumLength: minimum)
                    : try LiteralFile.read(path: path, minimumLength: minimum)
            } catch {
                throw MaskrunFailure("--mask-values-from: \(error.message)")
            }
            rules += MaskRule.literals(id: "values-file", values: values, minimumLength: minimum, replacement: policy.replacement)
        }
        return rules
    }
}
