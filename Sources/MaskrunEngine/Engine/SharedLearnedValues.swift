/// Values learned by any of one session's streams (`LearnedValues`), so a secret that one
/// stream masked is masked when another prints it: `set -x` traces `export TOKEN=…` on
/// stderr, and `echo $TOKEN` prints the bare value on stdout. Used from one thread (the
/// session loop); each stream takes the values others learned before its next search.
/// Bounded as each stream's own values are.
public final class SharedLearnedValues {
    /// The values in the order learned, with the rule that masked each (streams share an
    /// engine, so a rule's index is the same in each).
    private(set) var values: [(bytes: [UInt8], rule: Int)] = []

    public init() {}

    func add(_ bytes: [UInt8], rule: Int) {
        guard values.count < LearnedValues.maxValues else { return }
        values.append((bytes, rule))
    }
}
