/// Which of the child's output streams a chunk came from.
public enum ChildOutput: Sendable, Equatable {
    /// The pty (stdout, and stderr too when both go to one terminal).
    case primary
    /// The child's stderr when it is kept separate (maskrun's stderr is not the same terminal).
    case stderr
}

/// What the I/O loop calls; the loop knows nothing of masking or log formats.
/// (The seam util-linux draws between lib/pty-session.c and script.c.)
public struct SessionHooks {
    /// Every chunk read from the child; returns the bytes to write to maskrun's own stream.
    public var output: (ChildOutput, [UInt8]) -> [UInt8]
    /// True when `output` is holding bytes back for this stream.
    public var hasPending: (ChildOutput) -> Bool
    /// Called when the stream has been silent for the flush window and `hasPending` is true.
    public var idle: (ChildOutput) -> [UInt8]
    /// A shorter silence after which `idle` may be called for what is held now (nil: the
    /// flush window), so typed characters echo at once when what they hold is harmless.
    public var idleWindow: (ChildOutput) -> Duration?
    /// Called once after `lateIdleAfter` of silence (nil: never), for a view that waits
    /// longer than the terminal before it releases held bytes (the masked recording).
    public var lateIdle: (ChildOutput) -> Void
    public var lateIdleAfter: Duration?
    /// Called once when the stream ends (child closed it, or the drain grace period ran out).
    public var finish: (ChildOutput) -> [UInt8]
    /// The bytes read from maskrun's stdin, before they reach the child (for recordings).
    public var input: ([UInt8]) -> Void
    /// The window size at start and after each SIGWINCH (columns, rows).
    public var resized: (Int, Int) -> Void

    public init(
        output: @escaping (ChildOutput, [UInt8]) -> [UInt8],
        hasPending: @escaping (ChildOutput) -> Bool = { _ in false },
        idle: @escaping (ChildOutput) -> [UInt8] = { _ in [] },
        idleWindow: @escaping (ChildOutput) -> Duration? = { _ in nil },
        lateIdle: @escaping (ChildOutput) -> Void = { _ in },
        lateIdleAfter: Duration? = nil,
        finish: @escaping (ChildOutput) -> [UInt8] = { _ in [] },
        input: @escaping ([UInt8]) -> Void = { _ in },
        resized: @escaping (Int, Int) -> Void = { _, _ in }
    ) {
        self.output = output
        self.hasPending = hasPending
        self.idle = idle
        self.idleWindow = idleWindow
        self.lateIdle = lateIdle
        self.lateIdleAfter = lateIdleAfter
        self.finish = finish
        self.input = input
        self.resized = resized
    }
}
