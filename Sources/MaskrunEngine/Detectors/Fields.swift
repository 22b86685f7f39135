/// Values of secret-bearing names (`SecretNames`), in every shape `FieldPattern` knows, with
/// the value judged by its name (`ValueShape`). Prose without a value ("password reset
/// email sent", "token count: 4096"), references and placeholders stay.
extension BuiltinDetectors {
    static let fields: [Detector] = [
        Detector(
            id: "secret-field",
            description: "Values of secret-bearing names in any case style, glue and assignment syntax (password, token, secret, api key, key, salt…)",
            pattern: FieldPattern.shapes(
                name: SecretNames.namePattern, flag: flagStart + "[A-Za-z0-9_.-]{0,32}?" + SecretNames.namePattern,
                valueOpen: Detector.valueStartMark + "("),
            group: 2,
            // Hits on prose ("token renewed", "/api/v1") are ruled out on the bytes after
            // the name, by the same joint the pattern has after it.
            prefilter: Prefilter(
                keywords: SecretNames.keywords + "abcdefghijklmnopqrstuvwxyz".map { flagStart + "\($0)" }, caseless: true,
                gate: JointGate(
                    nameClass: SecretNames.nameClass, longestName: SecretNames.nameRest, joint: FieldPattern.joint(),
                    alwaysTried: [flagStart], singleDashLetters: FieldPattern.singleDashLetters)),
            matchValidator: SecretNames.valueFitsName,
            marksValueStart: true,
            examples: [
                "DB_PASSWORD=«hunter22»", "password: «correct horse battery»",
                #"{"api_key": "«k-8sd7f6g5»", "user": "bob"}"#, "export GITHUB_TOKEN='«t0ps3cret»'",
                "--password «p4ssw0rd» --user bob", "--client-secret=«abc123xyz»",
                "secret = \"«toml-value-9»\"", "X-Api-Key: «f00dbabe1234»", "?access_token=«qwerty12»&x=1", "https://api.example.com/items?api_key=«Lm4nP6qR8sT0uV2w»&limit=10",
                "env: DB_PASSWORD=«abc&def»",
                // case styles and glue
                "dbPassword=«Tr0ub4dor&3»", "accessToken: «aX9kLm2PqR7sT»", "myApiKey = '«AIzaK3yQ12345»'",
                "PGPASSWORD=«pg-Secr3t»", "GITHUBTOKEN=«9f8e7d6c5b4a»", "adafruit_api_key = «aio_Kq81Xw20Zt»",
                "telegram_api_token: «8dj3Ks92lQ0»", "stormglass_key=«7c2f1e9a0b3d4c5e6f7a»", "duo_skey = «Zk3jH8sLq0PwX2vB9nMc»",
                "DB-PASSWORD: «w1ldc4rd!»", "SMTP_PASS=«yboGSogM7kllmN»", #"{"db_pw": "«cRTyuEcMZkiM»"}"#,
                "--passphrase «UUCw7E6xoGEhWTri»", "APP_KEY=«base64:LYHwKq3cOFEWBDniHo7dkgYkVdjq6XN/ZC+ZL8wHKR2=»",
                "webhook_secret: «WXPuxPpE3jo9otInJAtOckSZYt9KWPbf»",
                // assignment and call syntaxes
                "password := \"«g0-s3cret»\"", "'password' => '«php-Pa55»'", "API_TOKEN ?= «mk8Hd92kLq1»",
                "token ::= «bnf9Xk2mQ0z»", "password <- \"«r-l4ng-pw»\"", #"System.setProperty("DB_TOKEN", "«j4va8Xk2mQ0z»");"#,
                #"os.environ["SECRET_KEY"] = "«dj4ng0-k3y-Xz9»""#, #"$config["db_password"] = "«Ph9Pw0rd»";"#,
                #"password: str = "«typ3d-Pw»""#, "<password>«cG1ihNBRNOgMnV7P»</password>",
                #"<server password="«x9Kd2mQ0z»" user="ci"/>"#, "db_password=«s3cr3t»;",
                #"{\"password\": \"«esc4ped-Pw»\"}"#,
                // structures
                "env:\n- name: DB_PASSWORD\n  value: «pG8xK2mQ0z»\n- name: LOG_LEVEL\n  value: info",
                #"[{"name": "API_TOKEN", "value": "«Q29kZS1Ub2tlbi05»"}, {"name": "REGION", "value": "eu-west-1"}]"#,
                "Key         Value\n---         -----\npassword    «vaultPw-7Hs2»\nusername    app",
                "password: |\n  «Blk8Scalar9Pw»\nuser: app",
                "  .dockercfg-secret: |\n    «{\"auths\":{\"r.io\":{\"auth\":\"dTpw\"}}}»\n  other: x",
                // truncated by the program that printed it, or cut with the line
                "token = '«ghp_aB3dE5fG7hJ9kL1mN3pQ5r…»'", #""access_token": "«tk9-Vw2Lq7Zx4Rb»"#,
                // laid out apart from the name
                "Sync.exe\n  -accountkey «Hn6Tq2Wz8Lx4Rv0Bk5Pm9Yd3Cf7Gj1Sa==»\n  -recurse", "## Admin password:\n\n    «Pk4Wn8Lz2Qx6Tv9R»\n",
                "| Setting | Meaning | Example |\n| BotToken | what the bot signs in with | «Xq5Lm8Wz3Rk7Tv2Nb6Hp» |",
                "│ NAME         │ VALUE                │\n│ DB_PASSWORD  │ «Pw7Rt2Xq9Lm4Kz6V»     │\n│ LOG_LEVEL    │ info                 │",
                "┃ api_token ┃ «Qz7vR2mWk9XbLp4N» ┃",
                "    static final String SIGNING_KEY\n        = \"«Wr7Kx2Lq9Zm4Tb8Vn1Hc6Pd3»\";",
                #"Config { host: "db", api_token: Some("«Yq2hX8Lc5vRt»"), port: 5432 }"#, "  [\"password\"]=>\n  string(12) \"«Pw7Rt2Xq9Lm4»\"",
                "  \"vmAdminPassword\": {\n    \"value\": \"«Tz9-Lq4Wk7Rm»\"\n  },", "api_token = '«Rb3Wq8Lx5Zk2Tm»'\r\n",
                #"Server=db1;User Id=app;Password=«Kv8-Wq3Lz6»;Encrypt=True"#, "chat_token: «https://hooks.relaychat.net/in/Lq7Wz3Kx9Rb2Tm5V»",
                // Go's %+v and maps: the next `Name:` ends the value
                "config: {Host:db.internal User:app Password:«Vq7mT2xKp9Lz» Database:orders SSLMode:require}",
                "map[password:«Hr5nW8cQ2jYb» region:eu-west-1 timeout:30s]", "&{Token:«Zr4nB8cW1qYe» Retries:3 Verbose:true}",
            ],
            counterexamples: [
                "password reset email sent", "token count: 4096", "password_required: true",
                "?X-Amz-Credential=AKIDQ7R2MZWX%2F20261202%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261202T101010Z",
                "Enter password:", "tokens: 12", "password: ${DB_PASSWORD}", "api_key: <your-api-key>",
                "secret: [REDACTED]", "token: ********", #""token_type": "Bearer""#, "tokenType: Bearer",
                "token_url: https://auth.example.com/oauth/token", "password_file: /run/secrets/db", "secret_name: db",
                "password: (none)", "api_key_header: X-Api-Key", "tests passed: 12", "passenger_name: Bob",
                "pass: 3 fail: 0", "SMTP_PASS=$SMTP_PASS", "license_key: MIT", "signing_key: default", "salt: 16",
                "secret = var.db_password", "credentialsId: '6f1e3c2a-8b7d-4e5f-9a0b-1c2d3e4f5a6b'",
                "secretKey: api-key", "valueFrom:\n  secretKeyRef:\n    name: db\n    key: password",
                "compass: north", "public_key: MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo",
                "nextPageToken: CjkKEwiRtN3Yz5TcAhUBmGYKHd2tD5oSDz", "max_tokens: 4096", "key: node-role.kubernetes.io/master",
                "cache-key: linux-node-20-3f786850e387550fdab836ed7e6dc881de23001b", "monkey: banana",
                "password = os.getenv(\"DB_PASSWORD\")", "api_key = config.get('api_key')", "token: expired",
                "password: !Ref DbPassword", "passwd: password updated successfully", "PWD=/home/runner/work", "key: uploads/2024/report.pdf",
            ]),
        Detector(
            id: "secret-field-value-first",
            description: "Name/value pairs with the value first: {\"value\": …, \"name\": \"DB_PASSWORD\"} (ECS, CloudFormation, Kubernetes env as JSON)",
            pattern: #"(\\?)"(?i:value)\g{1}"[ \t]*+:[ \t]*+\g{1}"((?:[^"\\\r\n]|\\(?!")[^\r\n])*+)\g{1}"\s*+,\s*+\g{1}"(?i:name)\g{1}"[ \t]*+:[ \t]*+\g{1}""#
                + laterName,
            group: 2,
            prefilter: Prefilter(keywords: [#"value""#, #"value\""#], caseless: true, lead: 2),
            matchValidator: SecretNames.valueBeforeName,
            examples: [
                #"[{"value": "«Q29kZS1Ub2tlbi05»", "name": "API_TOKEN"}, {"value": "eu-west-1", "name": "REGION"}]"#,
                #"{"Value":"«pG8xK2mQ0zLw»","Name":"DbPassword"}"#,
                #"{\"value\": \"«esc4ped-Pw»\", \"name\": \"DB_PASSWORD\"}"#,
            ],
            counterexamples: [
                #"{"value": "eu-west-1", "name": "REGION"}"#, #"{"value": "${DB_PASSWORD}", "name": "DB_PASSWORD"}"#,
                #"{"value": "1", "name": "token_count"}"#,
            ]),
        Detector(
            id: "secret-comparison",
            description: "A literal compared with a secret-bearing name in code: if (\"v\" == password), assert 'v' !== token",
            // The condition's start is the keyword: a stream has written what came before a
            // keyword, so the literal must follow it.
            pattern: #"(?:if|elif|while|assert|&&|\|\||and|or)[ \t]*+\(?[ \t]*+(?|"((?:[^"\\\r\n]|\\[^\r\n]){1,256}+)"|'((?:[^'\\\r\n]|\\[^\r\n]){1,256}+)')[ \t]*+(?:===?|!==?)[ \t]*+"#
                + laterName,
            group: 1,
            prefilter: Prefilter(keywords: ["if (", "if(", "if \"", "if '", "elif ", "while (", "while(", "assert ", "&& ", "&&(",
                                            "|| ", "||(", "and ", "or "]),
            matchValidator: SecretNames.valueBeforeName,
            examples: [
                #"if ("«m0nk3y-Bus1ness»" == password) {"#, #"if ('«Xk2mQ0zP9wL1»' !== my_private_key)"#,
                #"assert "«s3cr3t-T0ken-9»" == settings.api_token"#, #"ok && "«Zk29fjQ0Lw81»" != secret"#,
            ],
            counterexamples: [
                #"if ("admin" == username) {"#, #"if ("" == password)"#, #"if ("bearer" == token_type)"#,
                #"if ("none" != password)"#, "if (password == null)",
            ]),
        secretInProse,
        secretAnnouncedNextLine,
        secretCommandOutput,
        secretEntry,
        secretList,
        secretTuple,
        dockerfileEnv,
        commandLinePassword,
        credentialArgument,
        providerValue,
        secretPathSegment,
        credentialPairInProse,
        secretTableColumn,
    ]

    /// How the name detector's flags begin (`--password v`).
    static let flagStart = "--"

    /// A key put in a URL's path right after a segment that names it (`/v1/keys/pri_8Kd…`,
    /// `/webhooks/tokens/…`), as some services' APIs take it; judged as random text, so key
    /// ids of words or digits (`/keys/list`, `/tokens/4815162342`) stay.
    static let secretPathSegment = Detector(
        id: "secret-path-segment",
        description: "A random key as the URL path segment after /keys/, /tokens/, /secrets/ or /apikeys/",
        pattern: #"/(?i:keys?|tokens?|secrets?|api[_-]?keys?)/([A-Za-z0-9_-]{16,256}+)(?=[/?#"'\s]|$)"#,
        group: 1,
        prefilter: Prefilter(keywords: ["/key/", "/keys/", "/token/", "/tokens/", "/secret/", "/secrets/", "/apikey/", "/apikeys/",
                                        "/api-key/", "/api-keys/", "/api_key/", "/api_keys/"], caseless: true),
        validator: { value in RandomToken.looksRandom(value) },
        examples: [#"url := "https://api.footfall.io/v2/keys/«pri_4fK9wQ2mZx7Lr5Tb1Vn8Hc3J»""#,
                   "POST https://relay.example.org/hooks/tokens/«Wm8Qz2Lx5Rk9Tb3V»/send"],
        counterexamples: ["GET /api/v1/keys/list?page=2", "see https://docs.example.org/keys/rotation-guide",
                          "GET /settings/tokens/4815162342", "/etc/ssl/keys/server-certificate.pem"])

    /// A secret-bearing name that ends a match whose value came first (owner parts allowed
    /// before the word: `my_super_password`, `settings.api_token`).
    static let laterName = #"(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{0,40}?"# + SecretNames.namePattern + #"(?![A-Za-z0-9_])"#
}
