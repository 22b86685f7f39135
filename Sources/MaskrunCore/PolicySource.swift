import Foundation
import MaskrunPolicy

/// Where the policy comes from (SPEC §1): `--policy`, then `MASKRUN_POLICY`, then
/// `$XDG_CONFIG_HOME/maskrun/policy.yml` (or `~/.config/...`; `policy.yaml` when there is
/// no `policy.yml`) if present, else the built-in
/// default. Never the working directory: a cloned repository must not weaken masking.
public enum PolicySource: Equatable {
    case file(String)
    case builtin

    public static func resolve(explicit: String?, environment: [String: String]) -> PolicySource {
        if let explicit { return .file(explicit) }
        if let path = environment["MASKRUN_POLICY"], !path.isEmpty { return .file(path) }
        let configHome: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            configHome = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            configHome = home + "/.config"
        } else {
            return .builtin
        }
        // policy.yaml too: a user's policy ignored for its spelling would leave unmasked
        // what it was written to mask.
        for name in ["policy.yml", "policy.yaml"] {
            let path = configHome + "/maskrun/" + name
            if FileManager.default.fileExists(atPath: path) { return .file(path) }
        }
        return .builtin
    }

    public func load() throws(PolicyError) -> Policy {
        switch self {
        case .file(let path): return try PolicyLoader.load(path: path)
        case .builtin: return Policy.builtinDefault
        }
    }

    public var name: String {
        switch self {
        case .file(let path): return path
        case .builtin: return "<built-in default policy>"
        }
    }
}
