import CZMQ

/// The proxy's ten sockets: five bound where the client's connection file says (ROUTER,
/// XPUB for iopub), five connected to the real kernel's private connection (DEALER, SUB).
final class ProxySockets {
    typealias Channel = KernelProxy.Channel
    let context: ZMQContext
    private(set) var front: [Channel: ZMQSocket] = [:]
    private(set) var back: [Channel: ZMQSocket] = [:]

    /// The client-facing socket of a channel. Every channel has one: `init` opens all
    /// five or throws, so the unwrap cannot fail whatever a client sends.
    func front(_ channel: Channel) -> ZMQSocket { front[channel]! }

    /// The kernel-facing socket of a channel (opened for every channel, as `front`).
    func back(_ channel: Channel) -> ZMQSocket { back[channel]! }

    init(client: ConnectionInfo, kernel: ConnectionInfo) throws(ZMQError) {
        context = try ZMQContext()
        do throws(ZMQError) {
            try open(client: client, kernel: kernel)
        } catch {
            close()
            throw error
        }
    }

    private func open(client: ConnectionInfo, kernel: ConnectionInfo) throws(ZMQError) {
        // A switch, so the compiler checks that every channel has its ports.
        func ports(_ channel: Channel) -> (client: Int, kernel: Int) {
            switch channel {
            case .shell: (client.shellPort, kernel.shellPort)
            case .iopub: (client.iopubPort, kernel.iopubPort)
            case .stdin: (client.stdinPort, kernel.stdinPort)
            case .control: (client.controlPort, kernel.controlPort)
            case .hb: (client.hbPort, kernel.hbPort)
            }
        }
        // Shell and stdin face the kernel with one identity: the kernel sends input_request
        // on stdin to the identity its shell request came from.
        let identity = randomBytes(16)
        for channel in Channel.allCases {
            let frontSocket = try ZMQSocket(context, channel == .iopub ? .xpub : .router, name: "client \(channel.rawValue)")
            front[channel] = frontSocket
            try frontSocket.set(ZMQ_LINGER, 1000)
            if channel == .iopub {
                try frontSocket.set(ZMQ_XPUB_VERBOSE, 1)
            } else {
                try frontSocket.set(ZMQ_ROUTER_HANDOVER, 1)
            }
            try frontSocket.bind(client.endpoint(port: ports(channel).client))

            let backSocket = try ZMQSocket(context, channel == .iopub ? .sub : .dealer, name: "kernel \(channel.rawValue)")
            back[channel] = backSocket
            try backSocket.set(ZMQ_LINGER, 0)
            if channel == .iopub { try backSocket.set(ZMQ_SUBSCRIBE, bytes: []) }
            if channel == .shell || channel == .stdin { try backSocket.set(ZMQ_ROUTING_ID, bytes: identity) }
            try backSocket.connect(kernel.endpoint(port: ports(channel).kernel))
        }
    }

    /// Closes every socket and ends the context; replies already queued to the client
    /// still go out within their linger.
    func close() {
        for socket in Array(front.values) + Array(back.values) { socket.close() }
        front.removeAll()
        back.removeAll()
        context.terminate()
    }
}
