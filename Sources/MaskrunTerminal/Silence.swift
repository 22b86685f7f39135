/// The silence of one output source since its last output (SPEC §4), and the two windows
/// it may be waiting for: the flush window (`idle`) and the masked recording's longer one
/// (`late`). The one rule the session loop and `maskrun filter` share.
///
/// Silence is time maskrun spent waiting in poll(2) with nothing to read. Time spent
/// writing to a slow reader (backpressure), stopped, or waiting for the CPU is not
/// silence, and an interrupted wait (EINTR) counts only for the time it actually waited,
/// never as a window that elapsed.
struct Silence {
    /// How long the source has been silent.
    private(set) var elapsed = Duration.zero
    /// Gaps in maskrun's own progress that restarted `elapsed` since the last output.
    private var restarts = 0
    /// Set once the idle check ran after the last output, so silence costs no work.
    private(set) var idleChecked = true
    /// Set once the late check ran after the last output (or when there is no late window).
    private(set) var lateChecked = true

    /// Whether a window is still ahead, so that waits must be counted.
    var isWaiting: Bool { !idleChecked || !lateChecked }

    /// The source wrote: silence starts again and both windows are ahead anew.
    mutating func outputArrived(lateWindow: Duration?) {
        elapsed = .zero
        restarts = 0
        idleChecked = false
        lateChecked = lateWindow == nil
    }

    /// Starts the silence again without new output (the child's exit starts the drain).
    mutating func restart() {
        elapsed = .zero
    }

    /// How much more silence each window still ahead needs.
    func remaining(idle: Duration, late: Duration?) -> [Duration] {
        var left: [Duration] = []
        if !idleChecked { left.append(idle - elapsed) }
        if !lateChecked, let late { left.append(late - elapsed) }
        return left
    }

    /// Adds a wait in poll(2) that lasted `waited` and was asked to last `timeout`
    /// milliseconds (-1: without end). A wait that lasted clearly longer than asked means
    /// maskrun itself made no progress (stopped, or starved of CPU, and the command perhaps
    /// too): the silence then starts again, so such a gap does not release half a secret;
    /// a few times in a row at most, so that a machine that stays overloaded still shows
    /// prompts.
    mutating func count(waited: Duration, timeout: Int32) {
        let asked = Duration.milliseconds(Int(timeout))
        let gap = timeout >= 0 && waited > asked + Silence.progressSlack
        if gap && restarts < Silence.restartsAtMost {
            restarts += 1
            elapsed = .zero
        } else {
            elapsed += gap ? asked : waited
        }
    }

    /// True once, when the silence reaches the flush window `window`.
    mutating func idleDue(after window: Duration) -> Bool {
        guard !idleChecked, elapsed >= window else { return false }
        idleChecked = true
        return true
    }

    /// True once, when the silence reaches the late window.
    mutating func lateDue(after window: Duration?) -> Bool {
        guard !lateChecked, let window, elapsed >= window else { return false }
        lateChecked = true
        return true
    }

    /// Whether the idle or late window is reached (without marking either as checked).
    func isDue(idle: Duration, late: Duration?) -> Bool {
        (!idleChecked && elapsed >= idle) || (!lateChecked && late.map { elapsed >= $0 } == true)
    }

    /// How much longer than asked a wait may last before it counts as a gap in maskrun's
    /// own progress rather than the command's silence.
    static let progressSlack = Duration.milliseconds(5)
    /// How many such gaps in a row restart the silence.
    static let restartsAtMost = 3
}

/// A poll(2) timeout: whole milliseconds in `duration`, rounded up so a deadline is never
/// checked early, at least 0; -1 (wait forever) when there is none. The session loop and
/// `pumpStream` share this rounding.
func wholeMilliseconds(_ duration: Duration?) -> Int32 {
    guard let duration else { return -1 }
    guard duration > .zero else { return 0 }
    let (seconds, attoseconds) = duration.components
    let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
    guard !overflow else { return .max }
    return Int32(clamping: millis + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
}
