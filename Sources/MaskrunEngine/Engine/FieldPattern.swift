/// Builds the pattern for a `field:` rule: a key whose name matches, then its value, in the
/// shapes real output uses (SPEC §2): `key=value`, `key: value`, `"key": "value"`,
/// `KEY='value'`, `--key=value`, `--key value`, `key = "value"` and `Header: value`.
/// Prose such as "password reset email sent" has no separator after the key and stays.
public enum FieldPattern {
    /// The pattern, and the capture group holding the value.
    public static func build(keyPattern: String, keyCaptureCount: Int) -> (pattern: String, valueGroup: Int) {
        let key = "(?:\(keyPattern))"
        // A value that is a small number, a boolean or a placeholder is not a secret
        // ("token count: 4096", "password_required: true").
        let notPlain = #"(?!(?:\d{1,8}|true|false|null|none|nil|yes|no|\*+)(?![^\s,;"'}\])]))"#
        let doubleQuoted = #""((?:[^"\\\r\n]|\\.)*+)""#
        let singleQuoted = #"'([^'\r\n]*+)'"#
        let bareToken = #"(\#(notPlain)[^\s"'=][^\s"']*+)"#
        let restOfLine = #"(\#(notPlain)[^\s"'][^\r\n]*?)(?=[ \t]*+(?:\r|\n|$))"#
        let assignment = #"(?<![A-Za-z0-9])\#(key)[A-Za-z0-9_.-]{0,32}+["']?[ \t]*+"#
            + #"(?|=[ \t]*+(?|\#(doubleQuoted)|\#(singleQuoted)|\#(bareToken))"#
            + #"|:(?![:/])[ \t]*+(?|\#(doubleQuoted)|\#(singleQuoted)|\#(restOfLine)))"#
        let flag = #"--[A-Za-z0-9_-]{0,32}?\#(key)[A-Za-z0-9_-]{0,32}+[ \t]++"#
            + #"(?|\#(doubleQuoted)|\#(singleQuoted)|(\#(notPlain)[^\s"'-][^\s"']*+))"#
        return ("(?|\(assignment)|\(flag))", keyCaptureCount + 1)
    }
}
