import Testing
@testable import MaskrunEngine

/// Names in XML entries and Dockerfile instructions, JDBC parameters ending in a password
/// word, provider formats widened to their prefix, and the stand-ins that must stay readable
/// (templates with spaces, a name standing in for its value, a program's variable, a URL's
/// documentation password). Input with the secret between `«` and `»`, through the whole
/// default catalogue; the expected output is the input with the marked part replaced.
@Suite struct EntryAndStandInTests {
    static let engine = SecretNameTests.engine

    static let masked: [String] = [
        // property lists, Hadoop and Java-properties XML, Android resources
        "<dict>\n  <key>UploadToken</key>\n  <string>«Rk3Vw8Lq2Mz7Xt4H»</string>\n</dict>",
        "<property>\n  <name>fs.azure.account.key.shop</name>\n  <value>«Pn6Tb2Wz8Lx4Qv0Rk5Hm9Yd3»</value>\n</property>",
        "<entry>\n    <key>mail.smtp.password</key>\n    <value>«Tz8-Wq4Lm1»</value>\n</entry>",
        #"    <string name="billing_api_key">«Hq5Zr8Wm2Lx7Tk3V»</string>"#,
        #"<entry key="ldap.bind.password">«Qm7#Vz3k»</entry>"#,
        #"<param name="authToken" type="string">«Vx6Kq9Lz4Wm1Rt8B»</param>"#,
        // a Dockerfile's space-separated ENV, as `docker build` echoes it
        "Step 5/11 : ENV REGISTRY_TOKEN «Bm4Xq8Lz2Wk6Rt9V»", "ARG DEPLOY_PASSWORD «Wn3-Kq7Lx2»",
        // a JDBC parameter whose name ends in a password word, `&` escaped in XML
        #"url="jdbc:mysql://db.lan/app?user=svc&amp;dbpass=«Lv7-Zq2Kw5»""#,
        "jdbc:sqlserver://db:1433;user=svc;rootPwd=«Kx3-Wm8Rq1»;encrypt=true",
        // formats whose prefix is distinctive, with a body of another length
        "token: «github_pat_Wz3Lq8Kx2Rm7Vt4Bn9Hc6Pd1Yj»", "SHOPIFY_TOKEN=«shpat_Vq7Lz2Kx9Rb4Tm6WHn3Tq8Wz5Lx1Rv0B»",
        "«xapp-1-B8Q3M2X7K4R-4815162342108-9f3a7c1e5b2d8f4a6c0e9b3d7f1a5c2e»",
        "KOLIDE_TOKEN=«k2sk_v1_Mq8Wz3Lx7Rb2Tn5VHk6Tq2Wz»",
        // a JWE (its key part empty) and a JWS whose payload is not JSON
        "received «eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..Wm2Lq8Xz4Rk7Tb1V.Pn5Hc9Yd3Kq7Wz2Lx6Rv.Tb8Vm4Qk1Zx7Lw3J» from the gateway",
        "«eyJhbGciOiJFUzI1NiJ9.Zq4Wm8Lx2Rk6Tb0VHn3Yd7.Pc5Kq9Wz1Lx4Rv8Tm2Bn6Hj»",
        // an LDAP password hash is no format string's template
        "userPassword: «{crypt}$6$Wq7Lz3Kx$Rb2Tm5VHn6Tq2Wz8Lx4Rv0Bk5Pm9Yd3»",
    ]

    static let unchanged: [String] = [
        // XML entries whose content is no secret
        "<key>CFBundleDisplayName</key>\n<string>Ledger</string>", "<key>api_token</key>\n<string>$(API_TOKEN)</string>",
        #"<string name="password_hint">Choose a strong password</string>"#, #"<string name="token_title">Access token</string>"#,
        #"<entry key="password.minimum.length">12</entry>"#, #"<item key="ReportingConnection2">"#,
        "<name>dfs.namenode.keytab.file</name>\n<value>/etc/security/nn.keytab</value>",
        // Dockerfile instructions without a secret
        "ENV DEPLOY_TOKEN {{ DEPLOY_TOKEN }}", "ENV API_KEY ${API_KEY}", "ARG TOKEN_URL https://id.example.org/token",
        // templates and references in a value
        #"  ldap_password: "{ ldap_password }""#, #"    "vault_token": "'%env(VAULT_TOKEN)%'","#,
        // format strings' templates
        #"greeting_token = "guest-{}".format(n)"#, #"cache_secret = f"pod-{node_index}""#,
        // the name standing in for its value, a program's variable naming a secret
        "- LEDGER_API_TOKEN=LEDGER_API_TOKEN", "String apiToken = CLIENT_APITOKEN;",
        #"payload = {"login": login, "password": old_password}"#,
        // a URL's documentation password, a JDBC switch
        #"const URI = "mongodb://reader:password@docs.example.com:27017/app";"#, "jdbc:h2:mem:shop;bypass=true",
        // a format's prefix alone, prose
        "github_pat_ tokens are fine-grained", "k2sk_v1_ is the prefix", "access_token$production$ then the id",
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
