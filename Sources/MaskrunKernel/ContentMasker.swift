import MaskrunEngine

/// Masks the visible text of one message's content, per `MaskedFields`, keeping every
/// other byte of the JSON as the kernel wrote it.
struct ContentMasker {
    let engine: MaskingEngine

    /// One masked text, for the recordings.
    struct MaskedText {
        var path: [JSONValues.Step]
        var raw: [UInt8]
        var masked: [UInt8]
        var events: [MaskEvent]
    }

    enum Outcome: Equatable {
        case unchanged
        case masked([UInt8])
        /// The content of a message that may carry visible text is not JSON the proxy can
        /// read: it must not reach the client unmasked.
        case unreadable
    }

    func mask(content: [UInt8], messageType: String, texts: inout [MaskedText]) -> Outcome {
        let patterns = MaskedFields.paths(for: messageType)
        guard !patterns.isEmpty else { return .unchanged }
        guard let values = JSONValues.scan(content) else { return .unreadable }
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []
        var coveredUpTo = 0
        for value in values where value.range.lowerBound >= coveredUpTo {
            guard patterns.contains(where: { MaskedFields.matches($0[...], value.path[...]) }) else { continue }
            let deep = patterns.contains { $0.last == .anyDepth && MaskedFields.matches($0[...], value.path[...]) }
            switch value.kind {
            case .string:
                guard let text = JSONValues.decodeString(content[value.range]) else { return .unreadable }
                let (masked, events) = maskText(text)
                texts.append(MaskedText(path: value.path, raw: text, masked: masked, events: events))
                if masked != text { replacements.append((value.range, JSONValues.encodeString(masked))) }
                coveredUpTo = value.range.upperBound
            case .object where !deep, .array where !deep:
                // A JSON document shown as data (application/json): masked as the text it
                // is, so key names give their values context; if masking broke the JSON,
                // each string inside is masked on its own instead.
                let document = Array(content[value.range])
                let (masked, events) = maskText(document)
                if masked != document {
                    if JSONValues.scan(masked) != nil {
                        replacements.append((value.range, masked))
                        texts.append(MaskedText(path: value.path, raw: document, masked: masked, events: events))
                    } else {
                        replacements += maskStrings(in: content, within: value.range, values: values, texts: &texts)
                    }
                }
                coveredUpTo = value.range.upperBound
            default:
                continue
            }
        }
        guard !replacements.isEmpty else { return .unchanged }
        return .masked(JSONValues.splice(content, replacements))
    }

    private func maskStrings(
        in content: [UInt8], within range: Range<Int>, values: [JSONValues.Value], texts: inout [MaskedText]
    ) -> [(range: Range<Int>, bytes: [UInt8])] {
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []
        for value in values where value.kind == .string && range.contains(value.range.lowerBound) {
            guard let text = JSONValues.decodeString(content[value.range]) else { continue }
            let (masked, events) = maskText(text)
            if masked != text {
                replacements.append((value.range, JSONValues.encodeString(masked)))
                texts.append(MaskedText(path: value.path, raw: text, masked: masked, events: events))
            }
        }
        return replacements
    }

    private func maskText(_ text: [UInt8]) -> ([UInt8], [MaskEvent]) {
        let stream = MaskingStream(engine: engine)
        let masked = stream.feed(text) + stream.finish()
        return (masked, stream.takeEvents())
    }
}
