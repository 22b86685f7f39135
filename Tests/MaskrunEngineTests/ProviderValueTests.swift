import Testing
@testable import MaskrunEngine

/// Values named by the service they belong to, and the shapes scanners' own test cases put
/// secrets in (Jenkins credential XML, `name - 'value'`): input with the secret between `«`
/// and `»`, through the whole default catalogue, and lines that must stay as they are.
/// Values are made up here; none comes from a scanner's fixtures.
@Suite struct ProviderValueTests {
    static let engine = SecretNameTests.engine

    static let masked: [String] = [
        // a service's name, then a joint, then one random-looking value
        "zoomcloud is unknown; tableau: «Qp7Rt2Lm9Xw4Kd8Vn3Bz» / ops@corp.example",
        "kucoin '«h3Kd9QmP2xLw7VbN5tRz»' kucoin 'second'",
        "netlify = «b8Fq2Wm6Zr9Tx4Ls1Kd7» # staging",
        #"trelloKey := "«e5Rm2Wq8Lz3Xk7Pn4Tv9»""#,
        "confluence «NzY3ODk5MTIzNDU2Ojq8Fv2Lm9Rw»",
        #"client := NewPipedriveClient(); pd := pipedriveAPI("«3f9a0c2e7b5d41c8a6e2f0b9d7c5a3e1»")"#,
        "The SENDBIRD key is «9c2e7f4a1b8d3e6f0a5c9b2d7e4f1a8c», keep it safe",
        "mailjet secret - '«Tz4Wq8Lm2Xr6Kd9Vb3Np»'",
        "{zendesk «Rw3Lq8Zm5Xt2Kv9Pd6Bn»}",
        "GITLAB_token2: «q9Wz3Lm7Rt2Xk5Vb8Nd4Pc»",
        // `name - 'value'` with a secret word
        "nutrition token - '«4kq9r2mz7xw3lt8vb5n1»'\nnutrition token - '«Pz8Lm3Wq»'",
        "admin password - '«ox-Bull8-frame»'",
        // weak joints, with a generated value: a table cell, a directive with single quotes, call arguments
        "Variable | Value\napiKey |«7d0c2b9e4a1f46c3b8e5d2a0f9c7b6e1»\nbaseUrl |https://api.example.com",
        "smtp pass '«4f0e9c2a7b1d-83e6c5a0-d9b2f7e1»' then",
        "assert.equal(parsed['AccountKey'], '«Zq8Lm3Wx5Rt2Kv9Pd6Bn1Hy4Tc7Gs0Jf+Xw/Qe==»');",
        // escaped twice inside a TOML string (GitLab runner's DOCKER_AUTH_CONFIG)
        #"environment = ["DOCKER_AUTH_CONFIG={\\\"auths\\\":{\\\"r.example:8081\\\":{\\\"auth\\\":\\\"«Y2k6UTd2aFgycExtOVJ0»\\\"}}}"]"#,
        // an element's whole content, on one line or several (Jenkins credentials.xml)
        "<scope>GLOBAL</scope>\n<secret>«{AQAAABAAAAAQ 7hRk2Lm9Qw3Zx8Vt}»</secret>\n<description>ci</description>",
        "<apiToken>«{AQAAABAAAAAw Xq9Lm2 Kd8}»</apiToken>",
    ]

    static let unchanged: [String] = [
        "github actions run the tests on every push", "slack: #deployments", "stripe: enabled",
        "github: https://github.com/example/repo", "jira example.atlassian.net", "zendesk: help@corp.example",
        "image: grafana/grafana:10.4.1", "heroku release-2026-04", "okta 2026-03-01T09:15:00Z",
        "dockerhub node20-alpine3", "github_url: q9Wz3Lm7Rt2Xk5Vb8Nd4", "sentry 'yourSentryKey1'",
        "twilio token - 'see-the-console'", "mailgun 'mg.corp.example'", "stripe v2024-06-20",
        "github 3 failed, 12 passed", "gitlab: ci-runner-07", "netlify deploy --prod",
        "a slack message", "<description>Reset the token before Friday</description>",
        "<title>How to rotate a password</title>", "token - 'string'", "- token - the session token",
        "echo -n $password |md5sum", "cat token.txt |base64 -d", "| password | the user's password |",
        "the tests pass 'quickly' now", "expect(token).toBe('session')",
    ]

    @Test(arguments: masked)
    func isMasked(_ example: String) {
        let (input, expected) = unmark(example, replacement: "[M]")
        #expect(text(Self.engine.mask(bytes(input))) == expected)
    }

    @Test(arguments: unchanged)
    func staysReadable(_ line: String) {
        #expect(text(Self.engine.mask(bytes(line))) == line)
    }

    /// A value after a service's name is found however the stream is cut.
    @Test func everySplitGivesTheSameOutput() {
        let input = bytes("log: start\ncheckvist: Wq8Lm2Xr6Kd9Vb3Np / a@corp.example\ndone\n")
        let whole = Self.engine.mask(input)
        #expect(!text(whole).contains("Wq8Lm2Xr6Kd9Vb3Np"))
        for cut in 1..<input.count {
            #expect(firstDifference(feedInPieces(Self.engine, input, sizes: [cut]), whole) == nil, "split at \(cut)")
        }
    }
}
