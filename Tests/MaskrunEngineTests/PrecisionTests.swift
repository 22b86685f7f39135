import Testing
@testable import MaskrunEngine

/// Precision (issue 10): what is not a secret stays readable, and what is one is masked
/// whole. Each family: the look-alike as it came from real documentation and scanners'
/// false-positive lists, beside a secret of the same shape that must still be masked.
/// `«…»` marks what must be masked; a line without marks must pass unchanged.
@Suite struct PrecisionTests {
    @Test(arguments: [
        // Placeholders in Authorization headers and their schemes.
        #"curl https://notes.example.org/post -d kind=note -H "Authorization: Bearer XXXXXXXXXXXXXXXX""#,
        #"curl -H "Authorization: Bearer <your catalogue API token>" "https://api.example.net/v2/items?q=lamp""#,
        #"curl -X POST https://auth.example.net/oauth/token --header "Authorization: Basic ...""#,
        "Authorization: Bearer $GITHUB_TOKEN",
        // References: a single-brace template, a command substitution.
        "DEPLOY_ACCESS_KEY={DeployAccessKey}",
        "-e DEPLOY_ACCESS_KEY=`vault read -field=key secret/deploy`",
        // Filler bodies and values that say they are stand-ins.
        #"--set cluster.auth.token="sha256~XXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXXXXXXXXXXXX" \"#,
        "oktaKey = 000000000000000000000000000000000000LMNOPQ",
        "COHERE_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        #"mapsKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#,
        "client_secret=Zk47Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "xoxe.xoxp-1-PasteYourSlackConfigTokenHere",
        #"token = "xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#,
        // File names and URL paths with content hashes.
        "https://cdn.example.org/static/img/banner_home.ico-3c9e1f07a2b84d6e5f10a9c8b7d6e5f4.png",
        // Text built from references, and a module's constant compared with a name.
        "const includeKey = `includeIf.gitdir:${repoDir}.path`",
        "if code == signal.CTRL_C_EVENT:",
        // An Authorization key of a YAML schema, its value on the next lines.
        "      Authorization:\n        description: \"Credentials the registry accepts.\"",
        // A name with a secret word that names a package, then its version.
        "2025-03-02 09:12:44 status installed aws-iam-auth-plugin:amd64 0.6.14-1",
        // curl's documentation placeholders.
        "curl -u <user:password> https://api.example.org/items",
        "curl http://127.0.0.1:8080/upload --user user:pass --digest",
    ])
    func lookAlikeSurvives(_ line: String) {
        checkMarked(line)
    }

    @Test(arguments: [
        #"curl -H "Authorization: Bearer «kT9mW2qZ7xR4vB8nL3pJ»" https://api.example.com"#,
        "--header 'Authorization: Basic «ZGVwbG95OlE3dmhYMnBMbTlSdFk0d1o=»'",
        "SUMO_ACCESS_KEY=«Qm8pZt3vWx7Lk2Rn»",
        // Under a name, the whole Entra secret and Terraform token: the name's value and the
        // format's span (which starts at the keyword, after the first bytes) are one mask.
        "client_secret=«bP88Q~GWYPq2IFn5p90TMPYfRjYvd5iABjWubUh1»",
        "TF_TOKEN=«HTAfmJSRKxeJT6.atlasv1.-lhqFVgbZr3MfFy0Yk8nOr0Q1-55G3XfrpOx7Wkv86ahqQMqmqXnTRNwmOaCnFq15mL»",
        // A token right after a JSON escape: the escape's letter is no part of it.
        #"{"log":"deploying\n«ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5»\tok"}"#,
        #"{"log":"key\t«AKIAZ3MHQW5RTL7XPG4K»"}"#,
        // A real key beside a file name: not followed by an extension, so masked.
        "INFRACOST_API_KEY=«ico-7a388b69018576d24b59331fd60aab0c»",
        "using «ico-0f3b6c2e9a8d4b7c1e5f2a9d8c7b6a5e» for banner_home.ico-3c9e1f07a2b84d6e5f10a9c8b7d6e5f4.png",
        // An LDAP password hash starts with a brace but is no template.
        "userPassword: «{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=»",
        "curl -u admin:«GcC75BuRrN9Au3W2» https://jenkins.example.com/api/json",
        // A header's name as a URL's user: the password alone, the host and path readable.
        "git clone https://x-access-token:«ghs_Xk9Lz3Wq7Rb2Tm5Vn8LqZ4aXk9Lz3Wq7Rb2T»@github.com/o/r.git",
        "curl https://api-key:«Zk4Lq9Wx2Rv7Tb3N»@api.example.com/v1/items",
    ])
    func secretBesideItIsMasked(_ marked: String) {
        checkMarked(marked)
    }

    // MARK: - Overlapping and touching detections

    /// Two detections that touch inside one value are one replacement: no piece of it
    /// between or beside them, the same however the stream is split.
    @Test func touchingDetectionsAreOneMask() {
        let engine = MaskingEngine(rules: [rule("a", "AAA[0-9]{4}"), rule("b", "[0-9]{4}BBB[0-9]{4}(?![0-9])", group: 0)],
                                   hashKey: Array("k".utf8))
        // `b` starts four bytes into `a`'s match (overlap), and touches `a2` below.
        let input = bytes("x AAA1234BBB5678 y AAA0000 AAA1111AAA2222 z")
        let expected = "x [MASKED:a] y [MASKED:a] [MASKED:a] z"
        let whole = text(feedInPieces(engine, input, sizes: [input.count]))
        #expect(whole == expected)
        for cut in 1..<input.count {
            let split = feedInPieces(engine, input, sizes: [cut])
            #expect(split == bytes(whole), "cut at \(cut): \(text(split))")
        }
    }

    // MARK: - What is learned

    /// A weak value from a password field is masked there but not learned: its later bare
    /// occurrences are ordinary words (`image: wordpress:latest`).
    @Test func dictionaryWordIsNotLearned() {
        checkMarked("WORDPRESS_DB_PASSWORD: «wordpress»\nimage: wordpress:latest\n  postgres_password: «postgres»\nimage: postgres:16")
    }

    /// A random password is learned: its bare repeat is masked, with or without context.
    @Test func randomPasswordIsLearned() {
        checkMarked("DB_PASSWORD=«Hunter2Secret!»\n+ mysql -h db -u app --execute 'x' «Hunter2Secret!»\necho «Hunter2Secret!»")
        checkMarked("export TOKEN=«q7Zr2mXv9LpK4tWs»\nvalue is «q7Zr2mXv9LpK4tWs» today")
        // Padding inside the quotes is not part of what is learned.
        checkMarked("statuspage token = '« Wq4zRt8nYp2xKc6vBm0sLd9hJf3gTa7e »' | ' «Wq4zRt8nYp2xKc6vBm0sLd9hJf3gTa7e» '")
    }

    @Test(arguments: [
        ("Hunter2Secret!", true), ("q7Zr2mXv9LpK4tWs", true), ("kT9#mW2q", true), ("admin123x!", true),
        ("wordpress", false), ("postgres", false), ("postgres2024", false), ("MyAppSecret", false), ("my-db-password", false),
        ("XXXXXXXXXXXX", false), ("xxxxxxxxxxxxxxxx", false), ("${DB_PASSWORD}", false), ("<your-token>", false),
        ("/run/secrets/db", false), ("changeme", false), ("00000000000000000000", false),
    ])
    func learnableValues(_ value: String, _ learnable: Bool) {
        #expect(ValueShape.isLearnable(ArraySlice(value.utf8)) == learnable)
    }

    // MARK: - Stand-ins

    @Test(arguments: [
        ("XXXXXXXXXXXX", true), ("...", true), ("<your catalogue API token>", true), ("{DeployAccessKey}", true),
        ("{DeployAccessKey", true), ("`vault", true), ("xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", true),
        ("AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true), ("000000000000000000000000000000000000LMNOPQ", true),
        ("AIzaSyabcdefghijklmnopqrstuvwxyz0123456", true), ("xoxp-1-PasteYourSlackConfigTokenHere", true),
        ("sha256~XXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXXXXXXXXXXXX", true),
        // Secrets: random, a brace-led hash, digits of test data, a word that only ends in "here".
        ("ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5", false), ("{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", false),
        ("4111111111111111", false), ("Sphere2024!", false), ("sZh8Q~GWYPq2IFn5p90TMPYfRjYvd5iABjWubUh1", false),
    ])
    func standIns(_ value: String, _ standIn: Bool) {
        #expect(ValueShape.isStandIn(ArraySlice(value.utf8)) == standIn)
    }

    /// A provider token's random body may hold a short stand-in word by chance: still masked.
    @Test func formatWithAShortWordByChanceIsASecret() {
        for token in ["hvs.zk1EC_hvzE_pKCdTpnI4fake", "pdl_live_apikey_01gtgztp8f4kek3yd4g1wrksa3_q6TGTJyvoIz7LDtXT65bX7_AQO",
                      "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJdummyY"] {
            #expect(!ValueShape.isStandIn(ArraySlice(token.utf8), format: true), "\(token)")
        }
        checkMarked("+ ./scripts/upstream.sh --with «hvs.zk1EC_hvzE_pKCdTpnI4fake»")
    }

    /// A long random value holds runs by chance, and key blocks by design: judged a secret.
    @Test func longValuesAreNotJudgedByRuns() {
        let long = ArraySlice(Array(("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + String(repeating: "A", count: 12) + String(repeating: "q7Zr2mXv", count: 20)).utf8))
        #expect(!ValueShape.isStandIn(long))
    }
}
