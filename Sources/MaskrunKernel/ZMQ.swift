import CZMQ
import Foundation

/// A libzmq failure: the call and libzmq's own text for its errno.
struct ZMQError: Error, CustomStringConvertible {
    let call: String
    let errno: Int32

    init(_ call: String, errno: Int32 = zmq_errno()) {
        self.call = call
        self.errno = errno
    }

    var description: String { "\(call): \(String(cString: zmq_strerror(errno)))" }
}

/// One ZeroMQ context for the proxy's sockets (zmq_ctx_new).
final class ZMQContext {
    let handle: UnsafeMutableRawPointer

    init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError("zmq_ctx_new") }
        self.handle = handle
    }

    /// zmq_ctx_term: waits for each socket's linger, so replies already queued still go out.
    func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}

/// The socket types the proxy uses.
enum ZMQSocketType {
    case router, dealer, sub, xpub

    var value: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        }
    }
}

/// A ZeroMQ socket; every send and receive is non-blocking, so a slow or absent peer can
/// never stall the proxy (a message that cannot be queued is dropped and reported).
final class ZMQSocket {
    let handle: UnsafeMutableRawPointer
    /// What the socket faces, for messages ("client shell", "kernel iopub").
    let name: String
    private var closed = false

    init(_ context: ZMQContext, _ type: ZMQSocketType, name: String) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.value) else { throw ZMQError("zmq_socket") }
        self.handle = handle
        self.name = name
    }

    /// zmq_setsockopt with an integer value.
    func set(_ option: Int32, _ value: Int32) throws(ZMQError) {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError("zmq_setsockopt(\(option)) on \(name)")
        }
    }

    /// zmq_setsockopt with a byte-string value (ZMQ_ROUTING_ID, ZMQ_SUBSCRIBE).
    func set(_ option: Int32, bytes: [UInt8]) throws(ZMQError) {
        let result = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard result == 0 else { throw ZMQError("zmq_setsockopt(\(option)) on \(name)") }
    }

    /// zmq_bind.
    func bind(_ endpoint: String) throws(ZMQError) {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError("bind \(endpoint) (\(name))") }
    }

    /// zmq_connect.
    func connect(_ endpoint: String) throws(ZMQError) {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError("connect \(endpoint) (\(name))") }
    }

    /// Receives one whole multipart message, or nil when none is waiting (zmq_msg_recv with
    /// ZMQ_DONTWAIT; libzmq delivers the parts of a message together).
    func receive() throws(ZMQError) -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            let size = zmq_msg_recv(&message, handle, frames.isEmpty ? ZMQ_DONTWAIT : 0)
            if size < 0 {
                let error = zmq_errno()
                if error == EINTR { continue }
                if error == EAGAIN && frames.isEmpty { return nil }
                throw ZMQError("receive on \(name)", errno: error)
            }
            // An empty frame may come without a data pointer; it is an empty frame all the same.
            let data = zmq_msg_data(&message)?.assumingMemoryBound(to: UInt8.self)
            frames.append(data.map { Array(UnsafeBufferPointer(start: $0, count: Int(size))) } ?? [])
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Sends a multipart message without waiting; false when it could not be queued
    /// (no peer, high-water mark), in which case nothing of it was sent.
    @discardableResult
    func send(_ frames: [[UInt8]]) -> Bool {
        for (index, frame) in frames.enumerated() {
            let more = index + 1 < frames.count ? ZMQ_SNDMORE : 0
            while true {
                let result = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, ZMQ_DONTWAIT | more) }
                if result >= 0 { break }
                if zmq_errno() == EINTR { continue }
                // Only the first part can fail with EAGAIN; the rest are queued atomically.
                return false
            }
        }
        return true
    }

    func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }
}

/// What to wait for in one zmq_poll call: sockets and plain descriptors (pipes, signalfd).
struct ZMQPoll {
    enum Source {
        case socket(ZMQSocket)
        case descriptor(Int32)
    }

    /// Waits up to `timeout` milliseconds (-1: forever); returns the indices of the sources
    /// that are readable.
    static func wait(_ sources: [Source], timeout: Int) throws(ZMQError) -> [Int] {
        var items = sources.map { source -> zmq_pollitem_t in
            switch source {
            case .socket(let socket): zmq_pollitem_t(socket: socket.handle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0)
            case .descriptor(let fd): zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0)
            }
        }
        let count = zmq_poll(&items, Int32(items.count), timeout)
        if count < 0 {
            if zmq_errno() == EINTR { return [] }
            throw ZMQError("zmq_poll")
        }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN | ZMQ_POLLERR) != 0 }
    }
}
