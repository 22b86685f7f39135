import MaskrunEngine
import Testing
@testable import MaskrunKernel

/// Message contents before and after masking, one message type at a time, with a rule
/// whose matches are plain to see (`SECRET-\w+`).
@Suite struct ContentMaskerTests {
    let masker = ContentMasker(engine: MaskingEngine(rules: [
        MaskRule(id: "t", regex: try! PCRE2Regex(#"SECRET-\w+"#), maskGroup: 0, replacement: .template(Replacement.defaultTemplate)),
    ]))

    func masked(_ type: String, _ content: String) -> String {
        var texts: [ContentMasker.MaskedText] = []
        switch masker.mask(content: Array(content.utf8), messageType: type, texts: &texts) {
        case .unchanged: return content
        case .masked(let out): return String(decoding: out, as: UTF8.self)
        case .unreadable: return "<unreadable>"
        }
    }

    @Test func mimeTextIsMaskedAndImagesAndNumbersAreNot() {
        #expect(masked("display_data", #"{"data": {"text/plain": "a SECRET-x1 b", "text/html": "<b>SECRET-y</b>", "image/png": "SECRET-iVBOR"}, "metadata": {"n": 1.50}}"#)
            == #"{"data": {"text/plain": "a [MASKED:t] b", "text/html": "<b>[MASKED:t]</b>", "image/png": "SECRET-iVBOR"}, "metadata": {"n": 1.50}}"#)
    }

    @Test func jsonDataIsMaskedAsText() {
        #expect(masked("execute_result", #"{"data": {"application/json": {"k": ["SECRET-a", 2]}}, "execution_count": 3}"#)
            == #"{"data": {"application/json": {"k": ["[MASKED:t]", 2]}}, "execution_count": 3}"#)
    }

    @Test func errorsPromptsAndRepliesCarryingText() {
        #expect(masked("error", #"{"ename": "ValueError", "evalue": "SECRET-e", "traceback": ["\u001b[31mSECRET-tb\u001b[0m", "ok"]}"#)
            == #"{"ename": "ValueError", "evalue": "[MASKED:t]", "traceback": ["\u001b[31m[MASKED:t]\u001b[0m", "ok"]}"#)
        #expect(masked("input_request", #"{"prompt": "SECRET-p: ", "password": false}"#) == #"{"prompt": "[MASKED:t]: ", "password": false}"#)
        #expect(masked("execute_reply", #"{"status": "ok", "payload": [{"source": "page", "data": {"text/plain": "SECRET-doc"}}]}"#)
            == #"{"status": "ok", "payload": [{"source": "page", "data": {"text/plain": "[MASKED:t]"}}]}"#)
        #expect(masked("history_reply", #"{"history": [[0, 1, "x = 'SECRET-h'"]]}"#) == #"{"history": [[0, 1, "x = '[MASKED:t]'"]]}"#)
        #expect(masked("complete_reply", #"{"matches": ["SECRET-c"], "cursor_start": 0}"#) == #"{"matches": ["[MASKED:t]"], "cursor_start": 0}"#)
        #expect(masked("debug_reply", #"{"body": {"variables": [{"name": "t", "value": "'SECRET-v'", "variablesReference": 0}]}}"#)
            == #"{"body": {"variables": [{"name": "t", "value": "'[MASKED:t]'", "variablesReference": 0}]}}"#)
        #expect(masked("comm_info_reply", #"{"status": "error", "evalue": "SECRET-z", "comms": {}}"#) == #"{"status": "error", "evalue": "[MASKED:t]", "comms": {}}"#)
    }

    @Test func unreadableContentThatMayHoldTextIsRefused() {
        #expect(masked("display_data", #"{"data": {"text/plain": "SECRET-x"#) == "<unreadable>")
        #expect(masked("error", String(repeating: "[", count: 600) + String(repeating: "]", count: 600)) == "<unreadable>")
        #expect(masked("status", "not json") == "not json")
    }

    @Test func messagesWithoutVisibleTextPassUnchanged() {
        for (type, content) in [("status", #"{"execution_state": "SECRET-s"}"#), ("comm_info_reply", #"{"status": "ok", "comms": {"SECRET-c": {}}}"#)] {
            #expect(masked(type, content) == content)
        }
    }

    @Test func aWidgetsStateIsMaskedAsAJSONDocument() {
        #expect(masked("comm_open", #"{"comm_id": "c1", "target_name": "w", "data": {"state": {"value": "SECRET-w"}}}"#)
            == #"{"comm_id": "c1", "target_name": "w", "data": {"state": {"value": "[MASKED:t]"}}}"#)
        #expect(masked("comm_msg", #"{"comm_id": "c1", "data": {"method": "update", "state": {"value": "SECRET-v"}}}"#)
            == #"{"comm_id": "c1", "data": {"method": "update", "state": {"value": "[MASKED:t]"}}}"#)
    }
}
