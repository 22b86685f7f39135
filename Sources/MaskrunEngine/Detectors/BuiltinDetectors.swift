/// The built-in detector catalogue. Adding a detector is one entry here; its examples and
/// counterexamples are run by the engine tests.
public enum BuiltinDetectors {
    public static let all: [Detector] = [
        Detector(
            id: "aws-access-key-id",
            description: "AWS access key id (AKIA…, ASIA… and the other documented prefixes)",
            pattern: #"\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})\b"#, group: 1,
            prefilter: Prefilter(keywords: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"]),
            examples: ["aws_access_key_id = «AKIAZ3MSJV4WWNKWW5FG»", "export KEY=«ASIAY34FZKBOKMUTVV7A»"],
            counterexamples: ["AKIAZ3MSJV4WWNKWW5FGX1 is too long", "akiaz3msjv4wwnkww5fg"]),
        Detector(
            id: "aws-secret-access-key",
            description: "AWS secret access key next to its name in config files and environments",
            pattern: #"(?i)aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"#,
            group: 1,
            prefilter: Prefilter(keywords: ["aws"], caseless: true),
            examples: ["aws_secret_access_key = «wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKZ»",
                       "AWS_SECRET_ACCESS_KEY=«Zq3wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE»"],
            counterexamples: ["aws_secret_access_key is required"]),
        Detector(
            id: "github-token",
            description: "GitHub personal access, OAuth, user-to-server, server-to-server and refresh tokens",
            pattern: #"\b(gh[pousr]_[A-Za-z0-9]{36,251})\b"#, group: 1,
            prefilter: Prefilter(keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
            examples: ["token «ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY» ok",
                       "«ghs_16C7e42F292c6912E7710c838347Ae178B4a»"],
            counterexamples: ["ghp_short", "the ghp_ prefix"]),
        Detector(
            id: "github-fine-grained-token",
            description: "GitHub fine-grained personal access token (github_pat_…)",
            pattern: #"\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b"#, group: 1,
            prefilter: Prefilter(keywords: ["github_pat_"]),
            examples: ["«github_pat_11ABCDEFG0123456789abc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHI»"],
            counterexamples: ["github_pat_ is the prefix"]),
        Detector(
            id: "gitlab-token",
            description: "GitLab personal, deploy, runner, pipeline trigger, CI job, feed and other tokens",
            pattern: #"\b(gl(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat|ffct|agent)-[A-Za-z0-9_-]{20,128})(?![A-Za-z0-9_-])"#,
            group: 1,
            prefilter: Prefilter(keywords: ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glimt-", "gloas-", "glsoat-", "glffct-", "glagent-"]),
            examples: ["PRIVATE-TOKEN: «glpat-xR4aT9bQ2mN7cW1zK5vY»", "«glrt-2CR8_eVxiioB1QmzPZwa»"],
            counterexamples: ["glpat-short", "use a glpat- token"]),
        Detector(
            id: "slack-token",
            description: "Slack bot, user, app, configuration and refresh tokens (xox…)",
            pattern: #"\b(xox[abposre]-(?:[0-9]+-)?[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])"#, group: 1,
            prefilter: Prefilter(keywords: ["xox"]),
            examples: ["SLACK_TOKEN=«xoxb-263594206564-2343784873232-Wq9gZ4zKpR0LsT3nVbX8cY1d»"],
            counterexamples: ["xoxb- tokens start like this"]),
        Detector(
            id: "slack-webhook",
            description: "Slack incoming webhook URL",
            pattern: #"https://hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/_-]{20,200})"#,
            group: 1,
            prefilter: Prefilter(keywords: ["hooks.slack.com/"], lead: 8),
            examples: ["https://hooks.slack.com/services/«T024BE7LD/B01J8QBL6C9/Xq2b9Zp4LmK8wT1vR6nY3sD0»"],
            counterexamples: ["https://hooks.slack.com/services/"]),
        Detector(
            id: "jwt",
            description: "JSON Web Token (header.payload.signature, base64url)",
            pattern: #"\b(eyJ[A-Za-z0-9_-]{8,}+\.eyJ[A-Za-z0-9_-]{8,}+\.[A-Za-z0-9_-]*+)"#, group: 1,
            prefilter: Prefilter(keywords: ["eyJ"]),
            examples: ["Bearer «eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U»"],
            counterexamples: ["eyJhbGciOiJIUzI1NiJ9 alone is only a header"]),
        Detector(
            id: "private-key",
            description: "PEM, OpenSSH and PGP private key blocks, multi-line or with \\n escapes inside JSON",
            pattern: #"-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,]|-(?!----)|\\[nr])*+"#
                + #"(?:-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----)?"#,
            prefilter: Prefilter(keywords: ["-----BEGIN"]),
            examples: [
                "key:\n«-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----»\ndone",
                #"{"private_key": "«-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----»\n"}"#,
                "«-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----»",
            ],
            counterexamples: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----"]),
        Detector(
            id: "url-credentials",
            description: "Password in a URL's user information (scheme://user:password@host)",
            pattern: #"(?<=[A-Za-z0-9])://[^\s:@/?#]{1,128}:([^\s@/?#]{1,256})@"#, group: 1,
            prefilter: Prefilter(keywords: ["://"]),
            examples: ["postgres://app:«s3cr3t-Pa55»@db.internal:5432/app",
                       "remote: https://x-access-token:«gho_notarealtoken»@github.com/org/repo.git"],
            counterexamples: ["https://github.com/org/repo", "http://localhost:8080/path"]),
        Detector(
            id: "authorization-header",
            description: "HTTP Authorization and Proxy-Authorization credentials (the scheme is kept)",
            pattern: #"(?i)\b(?:proxy-)?authorization["']?\s*:\s*["']?"#
                + #"(?:(?:bearer|basic|token|digest|negotiate|apikey|bot|sso-key)\s+)?([^\s"',][^\r\n"']*)"#,
            group: 1,
            prefilter: Prefilter(keywords: ["authorization"], caseless: true, lead: 6),
            examples: ["> Authorization: Bearer «abc.def-ghi»", #"-H "authorization: Basic «dXNlcjpwYXNz»""#],
            counterexamples: ["authorization failed for user bob"]),
        Detector(
            id: "cookie-header",
            description: "HTTP Cookie and Set-Cookie header values",
            pattern: #"(?i)(?<![A-Za-z0-9-])(?:set-)?cookie["']?\s*:\s*["']?([^\s"'][^\r\n"']*)"#, group: 1,
            prefilter: Prefilter(keywords: ["cookie"], caseless: true, lead: 4),
            examples: ["< Set-Cookie: «session=8f2b1c; Path=/; HttpOnly»", "Cookie: «sid=abc123»"],
            counterexamples: ["cookie banner dismissed"]),
        Detector.field(
            id: "secret-field",
            description: "Values of secret-bearing keys: password, secret, token, api key, access key, private key…",
            keyPattern: #"(?i)passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"#
                + #"|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|session[_-]?key"#,
            keywords: ["passw", "pwd", "secret", "token", "api", "access", "private", "client", "credential", "auth", "session"],
            examples: [
                "DB_PASSWORD=«hunter22»", "password: «correct horse battery»",
                #"{"api_key": "«k-8sd7f6g5»", "user": "bob"}"#, "export GITHUB_TOKEN='«t0ps3cret»'",
                "--password «p4ssw0rd» --user bob", "--client-secret=«abc123xyz»",
                "secret = \"«toml-value»\"", "X-Api-Key: «f00dbabe1234»", "?access_token=«qwerty12&x=1»",
                "env: DB_PASSWORD=«abc&def»",
            ],
            counterexamples: [
                "password reset email sent", "token count: 4096", "password_required: true",
                "Enter password:", "tokens: 12",
            ]),
    ]

    /// The detectors `builtin: default` turns on.
    public static var defaults: [Detector] { all.filter { $0.confidence == .high } }

    public static func detector(id: String) -> Detector? { all.first { $0.id == id } }
}
