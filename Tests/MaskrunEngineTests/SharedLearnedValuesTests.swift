import Testing
@testable import MaskrunEngine

/// A session's streams share what they learned: a value masked on one (stderr's `set -x`
/// trace) is masked when the other prints it bare, and only from then on.
@Suite struct SharedLearnedValuesTests {
    @Test func aValueMaskedOnOneStreamIsMaskedOnTheOther() {
        let engine = defaultEngine()
        let shared = SharedLearnedValues()
        let stdout = MaskingStream(engine: engine), stderr = MaskingStream(engine: engine)
        stdout.sharedLearned = shared
        stderr.sharedLearned = shared
        // Printed bare before it was learned anywhere: nothing says it is a secret.
        #expect(text(stdout.feed(bytes("id Wq3Zt8Lp2Xv6Nb\n"))) == "id Wq3Zt8Lp2Xv6Nb\n")
        #expect(text(stderr.feed(bytes("+ export API_TOKEN=Wq3Zt8Lp2Xv6Nb\n"))) == "+ export API_TOKEN=[MASKED:secret-field]\n")
        #expect(text(stdout.feed(bytes("Wq3Zt8Lp2Xv6Nb\n")) + stdout.finish()) == "[MASKED:secret-field]\n")
        // Without sharing, the other stream does not know it.
        let alone = MaskingStream(engine: engine)
        #expect(text(alone.feed(bytes("Wq3Zt8Lp2Xv6Nb\n")) + alone.finish()) == "Wq3Zt8Lp2Xv6Nb\n")
    }

    @Test func whatIsNotLearnableStaysReadableOnTheOtherStream() {
        let engine = defaultEngine()
        let shared = SharedLearnedValues()
        let one = MaskingStream(engine: engine), other = MaskingStream(engine: engine)
        one.sharedLearned = shared
        other.sharedLearned = shared
        #expect(text(one.feed(bytes("password: wordpress\n"))) == "password: [MASKED:secret-field]\n")
        #expect(text(other.feed(bytes("image: wordpress:latest\n")) + other.finish()) == "image: wordpress:latest\n")
    }
}
