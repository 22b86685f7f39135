import Testing
@testable import MaskrunEngine

/// The name detector, one syntax or structure per case: the input with the secret between
/// `«` and `»`, through the whole default catalogue, so what another detector would mask
/// counts too. The expected output is the input with the marked part replaced.
@Suite struct SecretNameTests {
    static let engine = MaskingEngine(rules: BuiltinDetectors.defaults.map {
        MaskRule(detector: $0, replacement: .template("[M]"))
    })

    static let masked: [String] = [
        // case styles and glue
        "db_password=«s3cr3t-Pw»", "dbPassword=«s3cr3t-Pw»", "DbPassword=«s3cr3t-Pw»", "DB-PASSWORD=«s3cr3t-Pw»",
        "PGPASSWORD=«s3cr3t-Pw»", "GITHUBTOKEN=«Zk29fjQ0Lw81»", "accessToken: «Zk29fjQ0Lw81»", "my.api.key = «Zk29fjQ0Lw81»",
        "telegram_api_token=«Zk29fjQ0Lw81»", "duo_skey: «yD7fK2pQ9sLm4xT8vN3b»", "stormglass_key: «yD7fK2pQ9sLm4xT8vN3b»",
        // assignment and call syntaxes
        "password := «s3cr3t-Pw»", "password => «s3cr3t-Pw»", "PASSWORD ?= «s3cr3t-Pw»", "password ::= «s3cr3t-Pw»",
        "password <- '«s3cr3t-Pw»'", "password += «s3cr3t-Pw»", "password == '«s3cr3t-Pw»'",
        #""password" => "«s3cr3t-Pw»","#, #"System.setProperty("APP_TOKEN", "«Zk29fjQ0Lw81»")"#,
        #"ENV['APP_TOKEN'] = '«Zk29fjQ0Lw81»'"#, #"os.environ["APP_TOKEN"] = "«Zk29fjQ0Lw81»""#,
        "<password>«s3cr3t-Pw»</password>", #"<user name="ci" password="«s3cr3t-Pw»"/>"#,
        #"password: str = "«s3cr3t-Pw»""#, "password=«s3cr3t-Pw»;", "password='«s3cr3t-Pw»';",
        #"curl -H "X-Auth-Token: «Zk29fjQ0Lw81»" https://api.example.com/v1/x"#,
        "--db-password «s3cr3t-Pw» --verbose", "--db-password=«s3cr3t-Pw» --verbose",
        "-Djavax.net.ssl.keyStorePassword=«s3cr3t-Pw» -jar app.jar",
        // comparisons, string prefixes, C arrays, Go types, Make and PHP operators, calls, directives
        #"if (api_token != "«Zk29fjQ0Lw81»") {"#, "if password === '«s3cr3t-Pw»'", #"password = @"«s3cr3t-Pw»";"#,
        "token = r'«Zk29fjQ0Lw81»'", #"secret = b"«Zk29fjQ0Lw81»""#, #"char db_password[32] = "«s3cr3t-Pw»";"#,
        #"secret[] = "«Zk29fjQ0Lw81»";"#, #"var apiToken string = "«Zk29fjQ0Lw81»""#, "API_TOKEN :::= «Zk29fjQ0Lw81»",
        #"$dbPassword .= "«s3cr3t-Pw»";"#, "$token ??= '«Zk29fjQ0Lw81»';", #"password "«s3cr3t-Pw»";"#,
        #"std::string secret("«Zk29fjQ0Lw81»");"#, #"creds.assign("«Zk29fjQ0Lw81»", 12);"#,
        "<apiToken>\n    «Zk29fjQ0Lw81»\n</apiToken>", #"<add key="DbPassword" value="«s3cr3t-Pw»" />"#,
        // quoted values and compound names may hold spaces; random text with `/` and `.` is no path
        "api_key: '«correct horse battery»'", "aws_secret_access_key: «two words here»",
        #"session_token = "«Qm9vdC5zZWNy/ZXQ.x9Kd2mQ0zP»""#,
        #"if ("«m0nk3y-Bus1ness»" == password) {"#, #"assert '«Zk29fjQ0Lw81»' !== settings.api_token"#,
        #"mapboxToken = "«pk.gxr2td2z0iq4lmp3h8d0as3q6z2xat40.f9bfr4nxyb3y2h0zuqc7ml»""#,
        // structures
        "[db]\nsecrets_for_the_app =\n    «hunter2\n    Passw0rd-123»\n\n# next\nmode = fast",
        #"{"value": "«s3cr3t-Pw»", "name": "DB_PASSWORD"}"#, #"{"Value": "«s3cr3t-Pw»", "Name": "MAILGUN-PASSWD"}"#, #"{\"Value\": \"«s3cr3t-Pw»\", \"Name\": \"DbPassword\"}"#,
        "    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"annotations\":{},\"name\":\"db\"},\"stringData\":{«\"url\":\"Xk2mQ0zP9wL1vB3n\"»},\"type\":\"Opaque\"}",
        "- name: DB_PASSWORD\n  value: «s3cr3t-Pw»\n- name: MODE\n  value: fast",
        "- name: DB_PASSWORD\n  value: \"«s3cr3t-Pw»\"",
        #"{"name": "DB_PASSWORD", "value": "«s3cr3t-Pw»"}"#, "{\"Name\": \"DB_PASSWORD\",\n \"Value\": \"«s3cr3t-Pw»\"}",
        "password     «s3cr3t-Pw»\nusername     app",
        "password: |\n  «s3cr3t-Pw»\nmode: fast", "  token: >-\n    «Zk29fjQ0Lw81\n    Yt5mW2qR8»\n  next: x",
        // command lines
        "mysql -h db -uroot '-p«s3cr3t-Pw»' shop", "openssl rsa -in k.pem -passout pass:«s3cr3t-Pw»",
        "smbclient //fs/share -U bob%«s3cr3t-Pw»", "redis-cli -a '«two words»' ping", "docker login -p \"«two words»\" r.io",
        // truncated by the printing program
        "token = '«ghp_aB3dE5fG7hJ9kL1mN3pQ5r…»'",
        // a carriage return before the closing quote (a CRLF file)
        "deploy token = '«Wd4Hs8Kq1Zx6Vn3Lp7Tb»\r'", "password: \"«Gq5-Rm2Lw8Xz»\r\"",
        // single-dash options
        "Sync.exe\n    -accountname shop1\n    -accountkey «Jx4Wq8Lm2Rz6Tb0Vn3Hp7Ks5Yd9Fc1Ga==»\n    -recurse",
"runner -token «Bx7Mk2Vq9Lw4Zt» -v", "Run `-vaultToken «s.Wq7Lz3Kx9Rb2Tm5VHn6Tq2Wz8Lx»` once.", "  'java' -jar app.jar -dbpassword «Pq6-Tr8Wx2»",
        // the value on a line after its label
        "### Admin password:\n\n    «Ln5Ty8Qk3Wz7Rb2Mv»\n\n### Next", "Registry token:\n«Hc8Vm3Qx6Lz1Tp4Wk9Rb»\n",
        // a Markdown or pipe table row: the first one-word cell after the name
        "| Setting | Meaning | Example |\n| DeployToken | Token the bot signs in with | «Rk5Vw9Lq2Mz7Xt4Hn8Pb» |\n| Mode | Run mode | fast |",
        "name | value\nsigning secret |«Tz3Kq8Wm1Lx6Rv»\nregion |eu-west-1",
        // assignments continued on the next line, brace initialisation, ARM parameters
        "    static final String SERVICE_KEY\n        = \"«Mq4Zt8Lw2Xk6Rv0Bn3Hp7Yd5Cf»\";",
        "const std::string ServiceKey{\n    \"«Fq7Lm2Wx9Rt4Zk1Vb6Np3Hd8Jc»\"};",
        "  \"sqlAdminPassword\": {\n    \"value\": \"«Lw3-Zq8Vr5Tk»\"\n  },",
        "  //\"sqlAdminPassword\": {\n  //  \"value\": \"«Lw3-Zq8Vr5Tk»\"\n  //},",
        // an element's whole content, however long
        "<session>«{AQAAABAAA " + String(repeating: "Qm8Lx2Vt9Rk4Zw7", count: 40) + "}»</session>",
        // a registry Secret's data
        "  .dockerconfigjson: «eyJhdXRocyI6eyJyLmV4YW1wbGUub3JnIjp7ImF1dGgiOiJkWE5sY2pwd2R3PT0ifX19»",
        // a connection string's password ends at the next `;Name=`
        #"o.UseSqlServer("Server=db1;Database=shop;User Id=app;Password=«Hx7-Lq2Wz9»;TrustServerCertificate=True");"#,
        "jdbc:sqlserver://db1:1433;databaseName=shop;user=app;password=«Hx7;Lq2Wz9»;encrypt=true",
        // a key as a URL path segment, a double quote the line cut, a getter returning a literal
        #"url := "https://api.footfall.io/v2/keys/«pri_4fK9wQ2mZx7Lr5Tb1Vn8Hc3J»""#,
        #"  "refresh_token": "«rt1-Kq8Wz3Lm6Xv9Tb2N"#, #"func deployToken() string { return "«Tq7Lw2Xk9Rz4Vb1M»" }"#,
        // a capability URL given as a token: its path is the credential
        "alerts webhook token = '«https://hooks.pagerops.net/catch/7Hq2Lw9Xk4Rz1Vb6Tn3Mp»'",
        // curl's user and password
        #"curl -s -u "ci:«Nv6-Kt2Lq8»" https://ci.example.org"#, "curl --user ops:'«Zr4Mw7Kx1»' -X PUT https://x.example.org",
        // a password or secret stated in a sentence, quoted or mixing letters and digits
        "Remember: the wiki password is '«Tulip-88»'.", #"The default password for the user "ops-admin" is "«kestrel»"."#,
        "Initial password is «Vr4#pLq9», change it on first login", #"echo "the backup passphrase is '«amber lantern 7»'""#,
        // a literal a secret is compared with, words or not
        #"if deploy.Secret != "«open-the-vault»" {"#,
        // a URL password holding `@`, `?` or `#`: up to the user information's last `@`
        "redis://cache:«Pa@ss-w0rd»@10.0.0.9:6379/0", "amqp://guest:«gu?st#9@x»@mq.internal:5672/",
        "https://deploy:«T0k@en»@git.internal/org/repo.git",
    ]

    static let unchanged: [String] = [
        "password reset email sent", "Your password has expired.", "the token was refreshed", "token count: 4096",
        "password: ${DB_PASSWORD}", "password: $DB_PASSWORD", "secret = var.db_password", "secret: <your-secret>",
        "token: xxxxxxxxxxxx", "api_key: YOUR_API_KEY", "credentialsId: 'f3c2a1b0-9e8d-4c7b-a6f5-e4d3c2b1a0f9'",
        "secretKey: api-key", "password_file: /run/secrets/db", "token_type: Bearer", "tokenExpiresAt: 2026-01-01",
        "public_key: AAAAC3NzaC1lZDI1NTE5AAAAIG0Hkq9", "cache_key: 5f2b9c8d7e6a4b3c2d1e0f9a8b7c6d5e",
        "key: app.kubernetes.io/name", "password = os.environ.get('DB_PASSWORD')", "password = getpass.getpass()",
        "if password == nil {", "password: string;", "compass: north-west-2", "max_tokens: 1000000",
        "mysql -u root -p shop", "docker run -p 8080:80 app", "TOKEN=$(cat /run/secrets/token)",
        // lookups by name, key-value and keyboard names, dotted and versioned names, stand-ins
        #"db_password = getPassword("admin")"#, #"token = readSecret("prod/db/token")"#, "key_down_event=Ab3dE5fG7hJ9kL1mN3",
        #"<entry key="com.example.v8_feature" value="on"/>"#, #""bucket_key": "Reports-2.1""#,
        #"notes = "Maven - io.jsonwebtoken:jjwt-api-0.11.5""#, #"password = "somefakekey""#, #"password = ",.:-@*?!""#,
        "Token: see the docs", #"<add key="DbPassword" value="${DB_PASSWORD}"/>"#, #"{"value": "eu-west-1", "name": "REGION"}"#,
        #"if (token == "")"#, #"<input name="authenticity_token" value="7SWa-Fo1hsC6oovfBsJFLGPUl2EhkSWPbJhWANwgaJ"/>"#,
        "token ghp_R2d9Xc8L", "curl -u username:password https://example.com",
        #"if ("admin" == username) {"#, "if (password == null)", "keyB = 456789123a\n    567891234b",
        #"test: ["CMD-SHELL", "mysqladmin ping --password="$$(cat /run/secrets/db-password)""]"#,
        // options, labels, tables and braces without a secret after them
        "tar -xzf key.tar.gz", "tool -token $RUNNER_TOKEN -v", "gpg -keyring pubring.kbx --list-keys",
        "Password:\nEnter the new one below", "token:\n  - first\n  - second", "## Password:\n\nsee the vault",
        "| Name | Description |\n| api_token | The token used to sign in |", "| password | string | required |",
        "var secret = Secret{\n    Name: \"db\"}", "  \"adminPassword\": {\n    \"value\": \"[parameters('pw')]\"\n  },",
        "\t* lib/seskey.c: missing closing parenthesis", "curl --user neo4j:[PASSWORD] http://localhost:7474",
        "curl -u username:password https://example.org", "token_endpoint: https://id.example.org/oauth2/v1/token",
        "secret: https://vault.example.org/v1/kv/data/billing/stripe",
        "GET /api/v1/keys/list?page=2", "see https://docs.example.org/keys/rotation-guide", "GET /settings/tokens/4815162342",
        #"func getToken() string { return "" }"#, #"echo "password is"#, #"curl -u "$CI_USER:$CI_TOKEN" https://ci.example.org"#,
        // sentences about a password with no password in them
        "the vpn password is incorrect", "your password is too short", "The token is valid for 3600 seconds.",
        "the password for each user is stored hashed", #"the password is "required" here"#,
        // code around a string holding the name: concatenations, lists of labels
        #"sb.append("AdminPassword: " + getAdminPassword() + ",");"#, #"echo 'password = '.$cfg['db']['password']."\n";"#,
        #"{userLabel:"User:",passwordLabel:"Password:",hintLabel:"Hint:"}"#,
        // selectors, resource names, references through a variable, escaped placeholders
        ##"this.resetPassword = "#reset-password";"##, #"RotatePassword = "arn:aws:iam::aws:policy/RotatePassword""#,
        #"\$db_pass = \$_REQUEST[\"db_pass\"];"#, "APP_RESET_PASSWORD=$APP_URL/account/#/reset_password",
        #""password": "&lt;DB_PASSWORD&gt;""#, #"  patch '/reset-password' => "accounts/passwords#update""#,
        #"- echo 'export DB_PASSWORD="'$CI_DB_PASSWORD'"' >> .env"#, "AUTH0_DOMAIN=tenant4417.eu.auth0.com",
        // a key or token compared with a word: a keyboard's or a lexer's
        #"if event.key === "Enter" {"#, #"if token == "function" {"#,
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
}

/// A secret masked once is masked wherever it recurs later in the stream, in its derived
/// forms too, however the stream is split; never before the place it was learned.
@Suite struct LearnedValueTests {
    static let engine = SecretNameTests.engine
    static let value = "Xk2mQ0zP9wL1vB3nYt"

    @Test func aBareRepeatIsMasked() {
        let input = "+ export DEPLOY_TOKEN=\(Self.value)\n+ echo \(Self.value)\n'\(Self.value)' | '\(Self.value)'\n"
        #expect(text(Self.engine.mask(bytes(input))) == "+ export DEPLOY_TOKEN=[M]\n+ echo [M]\n'[M]' | '[M]'\n")
    }

    @Test func derivedFormsOfARepeatAreMasked() {
        let base64 = "WGsybVEwelA5d0wxdkIzbll0"  // base64 of the value
        let input = "TOKEN=\(Self.value)\nAuthorization: x \(base64)\n{\"v\": \"\(Self.value)\"}\n"
        let output = text(Self.engine.mask(bytes(input)))
        #expect(!output.contains(Self.value) && !output.contains(base64), "\(output)")
    }

    @Test func anOccurrenceBeforeTheNamedOneStays() {
        let input = "seen \(Self.value) first\nTOKEN=\(Self.value)\n"
        #expect(text(Self.engine.mask(bytes(input))) == "seen \(Self.value) first\nTOKEN=[M]\n")
    }

    @Test func everySplitGivesTheSameOutput() {
        let input = bytes("a \(Self.value)\nTOKEN=\(Self.value)\nthen \(Self.value) and \(Self.value)x\n")
        let whole = Self.engine.mask(input)
        for cut in 1..<input.count {
            let pieces = feedInPieces(Self.engine, input, sizes: [cut])
            #expect(firstDifference(pieces, whole) == nil, "split at \(cut)")
        }
        #expect(feedInPieces(Self.engine, input, sizes: Array(repeating: 1, count: input.count)) == whole)
    }

    @Test func theNumberOfLearnedValuesIsBounded() {
        var learned = LearnedValues()
        for index in 0..<(LearnedValues.maxValues + 10) {
            learned.learn(ArraySlice(bytes("value-number-\(1000 + index)")), rule: index, end: 0)
        }
        func rules(_ line: String) -> [Int] {
            learned.search(bytes(line), from: 0, base: 100, final: true).map(\.rule)
        }
        #expect(rules("value-number-1000 value-number-\(1000 + LearnedValues.maxValues - 1)") == [0, LearnedValues.maxValues - 1])
        #expect(rules("value-number-\(1000 + LearnedValues.maxValues)") == [])
    }

    /// A log of thousands of provider tokens (each found by its own format wherever it
    /// recurs) does not use up the room that a value known only by its name needs.
    @Test func manyTokensLeaveRoomForANamedValuesRepeat() {
        let engine = defaultEngine()
        var random = SplitMix64(state: 21)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var log = ""
        for _ in 0..<(LearnedValues.maxValues + 200) {
            log += "pushed with ghp_" + String((0..<36).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }) + "\n"
        }
        let output = text(engine.mask(bytes(log + "+ export DEPLOY_TOKEN=\(Self.value)\n+ echo \(Self.value)\n")))
        #expect(output.hasSuffix("+ export DEPLOY_TOKEN=[MASKED:secret-field]\n+ echo [MASKED:secret-field]\n"))
        #expect(!output.contains("ghp_"))
    }
}
