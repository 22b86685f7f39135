import Foundation
import Testing
@testable import MaskrunKernel

@Suite struct JSONValuesTests {
    @Test func replacingOneStringKeepsEveryOtherByte() throws {
        let document = Array(#"{"a": 1.50e3, "data": {"text/plain": "x\u00e9\n\"y\""}, "b": [true, null]}"#.utf8)
        let values = try #require(JSONValues.scan(document))
        let text = try #require(values.first { $0.path == [.key("data"), .key("text/plain")] })
        #expect(JSONValues.decodeString(document[text.range]) == Array("xé\n\"y\"".utf8))
        let out = JSONValues.splice(document, [(text.range, JSONValues.encodeString("z\u{1b}[0m".utf8))])
        #expect(String(decoding: out, as: UTF8.self) == #"{"a": 1.50e3, "data": {"text/plain": "z\u001b[0m"}, "b": [true, null]}"#)
        // Python's json module reads it back as the text written.
        let parsed = try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any]
        #expect((parsed?["data"] as? [String: String])?["text/plain"] == "z\u{1b}[0m")
    }

    @Test func rejectsWhatIsNotJSON() {
        for bad in [#"{"a": }"#, #"{"a" 1}"#, #"["x"#, #""\q""#, String(repeating: "[", count: 10000)] {
            #expect(JSONValues.scan(Array(bad.utf8)) == nil)
        }
    }

    @Test func surrogatePairsDecodeToOneScalar() {
        #expect(JSONValues.decodeString(Array(#""\ud83d\ude00""#.utf8)[...]) == Array("😀".utf8))
    }
}
