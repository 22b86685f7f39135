import MaskrunEngine

/// The streaming matchers for `stream` messages: one per parent message (the cell) and
/// stream name, so a secret printed in two flushed writes is masked like one write.
/// A matcher's held text goes out in a new `stream` message when it is flushed (after
/// `flush_after` of silence, before the cell's other output, and when the kernel reports
/// the cell idle).
final class StreamOutputs {
    struct Key: Hashable {
        var parent: String
        var name: String
    }

    /// One cell's stream and what a message continuing it needs.
    final class Output {
        let stream: MaskingStream
        /// The last message's frames, to make the next one from.
        var template: WireMessage
        var lastInput: ContinuousClock.Instant

        init(engine: MaskingEngine, template: WireMessage, now: ContinuousClock.Instant) {
            stream = MaskingStream(engine: engine)
            stream.recordsEvents = true
            self.template = template
            lastInput = now
        }
    }

    private let engine: MaskingEngine
    private let flushAfter: Duration
    private(set) var outputs: [Key: Output] = [:]
    /// Matchers alive at once; past it the oldest is finished (memory stays bounded when a
    /// kernel never reports idle).
    static let limit = 64

    init(engine: MaskingEngine, flushAfter: Duration) {
        self.engine = engine
        self.flushAfter = flushAfter
    }

    func output(for key: Key, template: WireMessage, now: ContinuousClock.Instant) -> (Output, finished: [(Key, Output)]) {
        var finished: [(Key, Output)] = []
        if let output = outputs[key] {
            output.template = template
            output.lastInput = now
            return (output, finished)
        }
        if outputs.count >= Self.limit, let oldest = outputs.min(by: { $0.value.lastInput < $1.value.lastInput }) {
            outputs[oldest.key] = nil
            finished.append(oldest)
        }
        let output = Output(engine: engine, template: template, now: now)
        outputs[key] = output
        return (output, finished)
    }

    /// Removes and returns the matchers of one cell (to finish them).
    func take(parent: String) -> [(Key, Output)] {
        let taken = outputs.filter { $0.key.parent == parent }.sorted { $0.key.name < $1.key.name }
        for (key, _) in taken { outputs[key] = nil }
        return taken.map { ($0.key, $0.value) }
    }

    func takeAll() -> [(Key, Output)] {
        defer { outputs.removeAll() }
        return outputs.map { ($0.key, $0.value) }
    }

    /// Matchers silent for `flush_after` that still hold text.
    func due(now: ContinuousClock.Instant) -> [(Key, Output)] {
        outputs.filter { $0.value.stream.hasPending && now - $0.value.lastInput >= flushAfter }.map { ($0.key, $0.value) }
    }

    /// When the next matcher is due, if any holds text.
    func nextDeadline() -> ContinuousClock.Instant? {
        outputs.values.filter { $0.stream.hasPending }.map { $0.lastInput + flushAfter }.min()
    }
}
