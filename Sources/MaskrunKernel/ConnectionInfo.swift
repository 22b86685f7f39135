import Foundation
import MaskrunSystem

/// A Jupyter connection file: where a kernel's five channels are and the key that signs
/// its messages (jupyter_client's `write_connection_file`).
struct ConnectionInfo: Codable, Equatable {
    var transport: String
    var ip: String
    var shellPort: Int
    var iopubPort: Int
    var stdinPort: Int
    var controlPort: Int
    var hbPort: Int
    var key: String
    var signatureScheme: String
    var kernelName: String?

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", hbPort = "hb_port"
        case signatureScheme = "signature_scheme", kernelName = "kernel_name"
    }

    init(transport: String, ip: String, ports: [Int], key: String, signatureScheme: String, kernelName: String?) {
        self.transport = transport
        self.ip = ip
        (shellPort, iopubPort, stdinPort, controlPort, hbPort) = (ports[0], ports[1], ports[2], ports[3], ports[4])
        self.key = key
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transport = try container.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        ip = try container.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
        shellPort = try container.decode(Int.self, forKey: .shellPort)
        iopubPort = try container.decode(Int.self, forKey: .iopubPort)
        stdinPort = try container.decode(Int.self, forKey: .stdinPort)
        controlPort = try container.decode(Int.self, forKey: .controlPort)
        hbPort = try container.decode(Int.self, forKey: .hbPort)
        key = try container.decodeIfPresent(String.self, forKey: .key) ?? ""
        signatureScheme = try container.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
        kernelName = try container.decodeIfPresent(String.self, forKey: .kernelName)
    }

    /// Reads the file a client wrote; errors name the file, never the key.
    static func read(path: String) throws(KernelError) -> ConnectionInfo {
        let data: Data
        do throws(SystemError) {
            // A connection file is a few hundred bytes; the limit keeps /dev/zero out.
            data = Data(try POSIX.readFile(path, limit: 1 << 20))
        } catch {
            throw KernelError("\(path): cannot read the connection file: \(POSIX.errorText(error.errno))")
        }
        let info: ConnectionInfo
        do {
            info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw KernelError("\(path): the connection file has no \(key.stringValue)")
        } catch {
            throw KernelError("\(path): not a Jupyter connection file (JSON with the five ports, key and signature_scheme)")
        }
        guard ["tcp", "ipc"].contains(info.transport) else {
            throw KernelError("\(path): transport '\(info.transport)' is not supported (tcp or ipc)")
        }
        guard MessageSigner(scheme: info.signatureScheme, key: []) != nil else {
            throw KernelError("\(path): signature_scheme '\(info.signatureScheme)' is not supported (hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha1, hmac-md5)")
        }
        return info
    }

    /// The address of one channel, as jupyter_client forms it (`tcp://ip:port`, `ipc://ip-port`).
    func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }

    var keyBytes: [UInt8] { Array(key.utf8) }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// A failure of the kernel commands; its message names what failed, never a key or secret.
public struct KernelError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
