/// AWS credentials as the CLI prints them with `--output text`: one tab-separated line per
/// object, its fields in the keys' alphabetical order. `aws sts get-session-token` and
/// `assume-role` print `CREDENTIALS  AccessKeyId  Expiration  SecretAccessKey  SessionToken`,
/// `aws iam create-access-key` prints `ACCESSKEY  AccessKeyId  CreateDate  SecretAccessKey
/// Status  UserName`. The key id has a detector of its own; the secret (and the session
/// token after it) had nothing beside them to recognise them by.
extension BuiltinDetectors {
    static let awsTextCredentials = Detector(
        id: "aws-cli-text-credentials",
        description: "Secret access key and session token in aws --output text (CREDENTIALS and ACCESSKEY lines)",
        pattern: #"^(?|CREDENTIALS\t(?:AKIA|ASIA)[A-Z0-9]{16}\t[^\t\r\n]{1,40}+\t"# + Detector.valueStartMark + #"([A-Za-z0-9/+=]{40}\t[A-Za-z0-9/+=]{16,8192}+)"#
            + #"|ACCESSKEY\t(?:AKIA|ASIA)[A-Z0-9]{16}\t[^\t\r\n]{1,40}+\t"# + Detector.valueStartMark + #"([A-Za-z0-9/+=]{40}))(?=\t|[ \t]*+\r?\n|$)"#,
        group: 1,
        prefilter: Prefilter(keywords: ["CREDENTIALS\t", "ACCESSKEY\t"]),
        marksValueStart: true,
        examples: [
            "CREDENTIALS\tASIAQ7R2MZWXK4LT9BNE\t2026-12-03T02:00:00+00:00\t«Wq8Zr3Lk5Tm2Xn7Vp4Bc9Hd6Jf1Gs0KyR7mK2xQ9\tIQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ»\n",
            "ACCESSKEY\tAKIAQ7R2MZWXK4LT9BNE\t2026-12-02T14:00:00+00:00\t«Hd6Jf1Gs0KyR7mK2xQ9Wq8Zr3Lk5Tm2Xn7Vp4Bc9»\tActive\tci-bot\n",
        ],
        counterexamples: [
            "CREDENTIALS\tASIAQ7R2MZWXK4LT9BNE\t2026-12-03T02:00:00+00:00\n", "ACCESSKEYMETADATA\tAKIAQ7R2MZWXK4LT9BNE\t2026-12-02T14:00:00+00:00\tActive\tci-bot\n",
        ])
}
