/// Values of secret-bearing names, in the shapes of the policy's `field:` rules, and in XML
/// elements. Prose without a value ("password reset email sent", "token count: 4096") stays.
extension BuiltinDetectors {
    static let fields: [Detector] = [
        Detector.field(
            id: "secret-field",
            description: "Values of secret-bearing keys: password, secret, token, api key, access key, private key…",
            keyPattern: #"(?i)(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"#
                + #"|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|session[_-]?key)"# + notASecretSuffix,
            keywords: ["passw", "pwd", "secret", "token", "api", "access", "private", "client", "credential", "auth", "session"],
            validator: Validators.notPlaceholder,
            examples: [
                "DB_PASSWORD=«hunter22»", "password: «correct horse battery»",
                #"{"api_key": "«k-8sd7f6g5»", "user": "bob"}"#, "export GITHUB_TOKEN='«t0ps3cret»'",
                "--password «p4ssw0rd» --user bob", "--client-secret=«abc123xyz»",
                "secret = \"«toml-value»\"", "X-Api-Key: «f00dbabe1234»", "?access_token=«qwerty12&x=1»",
                "env: DB_PASSWORD=«abc&def»",
            ],
            counterexamples: [
                "password reset email sent", "token count: 4096", "password_required: true",
                "Enter password:", "tokens: 12", "password: ${DB_PASSWORD}", "api_key: <your-api-key>",
                "secret: [REDACTED]", "token: ********", #""token_type": "Bearer""#, "tokenType: Bearer",
                "token_url: https://auth.example.com/oauth/token", "password_file: /run/secrets/db", "secret_name: db",
                "password: (none)", "api_key_header: X-Api-Key",
            ]),
        Detector.field(
            id: "passphrase-field",
            description: "Values of short password names: pass, passphrase, pw (PASS=…, db_pw: …)",
            confidence: .medium,
            keyPattern: #"(?i)pass(?:phrase)?(?![A-Za-z])|pw(?![A-Za-z])"#,
            keywords: ["pass", "pw=", "pw:", "pw_", "pw-", "pw\"", "pw'", "pw ", "pw\t"],
            validator: Validators.notPlaceholder,
            examples: ["SMTP_PASS=«yboGSogM7kllmN»", #"{"db_pw": "«cRTyuEcMZkiM»"}"#, "--passphrase «UUCw7E6xoGEhWTri»"],
            counterexamples: ["tests passed: 12", "passenger_name: Bob", "pass: 3 fail: 0", "SMTP_PASS=$SMTP_PASS"]),
        Detector.field(
            id: "generic-key-field",
            description: "High-entropy values of key, salt and signing secret names (APP_KEY, signing_key, webhook_secret…)",
            confidence: .medium,
            keyPattern: #"(?i)(?:signing|encryption|encrypt|master|license|shared|consumer|webhook|hmac|jwt|app|cipher|crypt)[_.-]?(?:key|secret|salt|seed)|salt|pepper"#,
            keywords: ["signing", "encrypt", "master_", "master-", "master.", "masterkey", "license", "shared_", "shared-",
                       "consumer", "webhook", "hmac", "jwt", "app_key", "app-key", "app.key", "appkey", "app_secret",
                       "app-secret", "appsecret", "app_salt", "cipher", "crypt", "salt", "pepper"],
            validator: { value in value.count >= 12 && Validators.random(minimumBits: 3.0)(value) },
            examples: ["APP_KEY=«base64:LYHwKq3cOFEWBDniHo7dkgYkVdjq6XN/ZC+ZL8wHKR2=»", "webhook_secret: «WXPuxPpE3jo9otInJAtOckSZYt9KWPbf»", "LICENSE_KEY=«49L4X-77RCP-NB7GJ-2LTD9»"],
            counterexamples: ["license_key: MIT", "signing_key: default", "salt: 16"]),
        Detector(
            id: "xml-secret-element",
            description: "Text of secret-bearing XML elements (<password>, <secret>, <token>, <apiKey>…)",
            pattern: #"<((?i:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?token|secret[_-]?key))>([^<\r\n]{1,512})</\1>"#,
            group: 2,
            prefilter: Prefilter(
                keywords: ["<pass", "<secret", "<token", "<api", "<access", "<private", "<client", "<credential", "<auth"],
                caseless: true),
            examples: ["<server><id>nexus</id><username>ci</username><password>«cG1ihNBRNOgMnV7P»</password></server>"],
            counterexamples: ["<password></password>", "<token>"]),
    ]

    /// Name endings that say a value is about a secret, not the secret: token_type,
    /// password_file, secret_name, api_key_header, token_expires_at…
    static let notASecretSuffix = #"(?![_.-]?(?:types?|count|ttl|url|uri|endpoint|path|file|dir|name|length|size"#
        + #"|expires?|expiry|expiration|required|enabled|disabled|limit|lifetime|policy|format|version|prompt|reset"#
        + #"|header|strength|changed|created|updated|rotated|rotation|usage|used|manager|store|backend|provider|engine"#
        + #"|mount|ref|source|algorithm|scheme|mode|method|field|label|help|description|template|pattern|min|max)(?![a-z]))"#
}
