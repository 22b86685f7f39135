/// Web credentials: JWTs, HTTP Authorization, Cookie, Set-Cookie and API key headers, session
/// cookies, bearer and basic credentials, passwords in URLs, curl -u, .netrc, sshpass,
/// password hashes, secret query parameters.
extension BuiltinDetectors {
    static let web: [Detector] = [
        Detector.prefixed(
            id: "django-insecure-secret-key",
            description: "Django SECRET_KEY as startproject generates it (django-insecure-…)",
            // 50 characters of Django's own alphabet after the prefix, which marks the key a
            // development one; it is the key that signs sessions all the same.
            prefixes: ["django-insecure-"], body: #"[a-z0-9!@#$%^&*(_=+)-]{50}"#, tail: #"a-z0-9!@#$%^&*(_=+)-"#,
            examples: ["SECRET_KEY = '«django-insecure-k3#v9x!m2q@z7w$r5t^y8u&i1o*p4a(s6d_f0g=h+j-l)c8b2n»'",
                       "«django-insecure-b1c2d3e4f5g6h7j8k9m0n!p@q#r$s%t^u&v*w(x_y=z+a-b)c3»"],
            counterexamples: ["django-insecure-", "pip install django-insecure-defaults"]),
        Detector(
            id: "jwt",
            description: "JSON Web Token (header.payload.signature, base64url; unsigned ones too)",
            // An unsigned token (alg none) has no signature, and some tools print it without
            // the last dot: header and payload are enough to be one.
            // A JWE (five parts, its second empty under `dir`) or a JWS whose payload is not
            // JSON has a JSON header and two or more parts after it.
            pattern: #"\b(eyJ[A-Za-z0-9_-]{8,}+\.(?:eyJ[A-Za-z0-9_-]{8,}+(?:\.[A-Za-z0-9_-]*+)?|[A-Za-z0-9_-]*+(?:\.[A-Za-z0-9_-]{8,}+){1,3}))"#, group: 1,
            prefilter: Prefilter(keywords: ["eyJ"]),
            examples: ["Bearer «eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U»",
                       "id_token=«eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcHMtYm90Iiwicm9sZSI6ImFkbWluIn0.»",
                       "«eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJ1c2VyIjoiYWxpY2UiLCJleHAiOjE3OTk5OTk5OTl9»",
                       "«eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..Lq7Wz3Kx9Rb2Tm5V.Hn6Tq2Wz8Lx4Rv0Bk5Pm9Yd3.Cf7Gj1Sa4Nq8Xe2U»",
                       "«eyJhbGciOiJIUzI1NiJ9.Vz8Kq3Lx7Rb2Tm5WHn6Tq2Wz8Lx4.Rv0Bk5Pm9Yd3Cf7Gj1Sa4Nq8Xe2UoZ»",
                       // jwt.io's sample is masked too: not an allowed example, since a
                       // token's payload can carry personal data and the sample's key is public.
                       "«eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c»"],
            counterexamples: ["eyJhbGciOiJIUzI1NiJ9 alone is only a header"]),
        Detector(
            id: "authorization-header",
            description: "HTTP Authorization and Proxy-Authorization credentials (the scheme is kept)",
            // One line: `Authorization:` alone ends a YAML key whose value is the next lines.
            // A one-token scheme's credentials end at the token (`… Bearer t https://…` keeps
            // the URL); other schemes' parameters (`Digest username="…", …`) run to the line's end.
            pattern: #"(?i)\b(?:proxy-)?authorization["']?[ \t]*+:[ \t]*+["']?"#
                + #"(?|(?:bearer|basic|token|apikey|bot|sso-key)[ \t]++([^\s"',;]++)|(?:digest|negotiate)[ \t]++([^\r\n]*[^\s"'])|([^\s"',][^\r\n"']*))"#,
            group: 1,
            prefilter: Prefilter(keywords: ["authorization"], caseless: true, lead: 6),
            validator: Validators.headerCredentials,
            examples: ["> Authorization: Bearer «abc.def-ghi»", #"-H "authorization: Basic «dXNlcjpwYXNz»""#,
                       #"curl -H "Authorization: Bearer «kT9mW2qZ7xR4vB8nL3pJ»" https://api.example.com"#,
                       "Authorization: Bearer «kT9mW2qZ7xR4vB8nL3pJ» https://api.example.com/v1",
                       #"Authorization: Digest «username="bob", realm="api", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", response="6629fae49393a05397450978507c4ef1»""#,
                       "Authorization: «SSWS 00QCjAl4MlV-WPXM-ABCDEFGHIJKL-5TQc3Ot2r»"],
            counterexamples: ["authorization failed for user bob", "Authorization:\n  description: the plugins in use",
                              #"-H "Authorization: Bearer XXXXXXXXXXXXXXXX""#, "Authorization: Bearer <your catalogue API token>",
                              "Authorization: Basic ...", "Authorization: Bearer $TOKEN", #""Authorization": "Bearer " + token"#,
                              "**Authorization:** the process of granting access"]),
        Detector(
            id: "cookie-header",
            description: "HTTP Cookie and Set-Cookie header values",
            pattern: #"(?i)(?<![A-Za-z0-9-])(?:set-)?cookie["']?\s*:\s*["']?([^\s"'][^\r\n"']*)"#, group: 1,
            prefilter: Prefilter(keywords: ["cookie"], caseless: true, lead: 4),
            validator: Validators.startsWithCookiePair,
            examples: ["< Set-Cookie: «session=8f2b1c; Path=/; HttpOnly»", "Cookie: «sid=abc123»"],
            counterexamples: ["cookie banner dismissed", "the format for a Set-Cookie: header.  This is the",
                              "var cookie: HTTPCookies.Value?"]),
        Detector(
            id: "api-key-header",
            description: "API key and token headers (X-Api-Key, Api-Key, X-Auth-Token, PRIVATE-TOKEN, Ocp-Apim-Subscription-Key…)",
            // Not after `/`: `https://x-access-token:TOKEN@host/…` is a URL's user and password,
            // masked as such, the host and path left readable.
            pattern: #"(?i)(?<![A-Za-z0-9/-])(?:x-(?:api-?key|api-?token|auth-token|access-token|goog-api-key|functions-key|vault-token|amz-security-token|session-token)|api-key|apikey|ocp-apim-subscription-key|private-token|job-token|circle-token)["']?[ \t]*+:[ \t]*+["']?"#
                + #"([^\s"',][^\r\n"']*?)(?=[ \t]*+(?:[\r\n"']|$))"#,
            group: 1,
            prefilter: Prefilter(
                keywords: ["x-api", "x-auth-token", "x-access-token", "x-goog-api-key", "x-functions-key", "x-vault-token",
                           "x-amz-security-token", "x-session-token", "api-key", "apikey", "ocp-apim-subscription-key",
                           "private-token", "job-token", "circle-token"],
                caseless: true),
            examples: ["> X-Api-Key: «77fVq6VPdBE6UVq9t3agaZmxGzbW14Ni»", #"-H "Ocp-Apim-Subscription-Key: «d01a407aa7913bb365e4ea2c14a9088c»""#,
                       #"{"x-auth-token": "«-o6j66C3Mnj7OzyvoS0pNQcx1Ub-hcHWOgFZOZum»"}"#],
            counterexamples: ["x-api-version: 2", "X-Api-Key:", "https://x-access-token:${TOKEN}@github.com/o/r.git"]),
        Detector(
            id: "session-cookie",
            description: "Session identifiers of common frameworks (JSESSIONID, PHPSESSID, connect.sid, *_session…)",
            pattern: #"(?<![A-Za-z0-9.-])(?i:JSESSIONID|PHPSESSID|ASP\.NET_SessionId|connect\.sid|sessionid|session_id|(?:__Secure-)?next-auth\.session-token|remember_token|[A-Za-z0-9_]{0,20}_session)=([^;\s"'&,]{16,4096}+)"#,
            group: 1,
            prefilter: Prefilter(
                // Inside the names where their first bytes are rare: ".sid=", not "connect.sid=".
                keywords: ["sessionid=", "session_id=", "sessid=", "session-token=", "ember_token=", "_session=", ".sid="],
                caseless: true, lead: 20),
            validator: Validators.random(minimumBits: 3.0),
            examples: ["GET /app;jsessionid=«D765295299C3ADA1227AD0F889E98F48» HTTP/1.1", "laravel_session=«eyJpdiI6Ouk7qTXV6YgddzWSVfgeUOjYg01ujP7Xgbs62keX3ViXCB77aTEBWv5pxKTR%3D»"],
            counterexamples: ["session_id=12345678901234567890", "JSESSIONID=deleted"]),
        Detector(
            id: "bearer-token",
            description: "Bearer credentials outside an Authorization header (Bearer …)",
            pattern: #"(?<![A-Za-z0-9])(?i:bearer)[ \t]++([A-Za-z0-9._~+/-]{20,4096}+=*+)"#, group: 1,
            prefilter: Prefilter(keywords: ["bearer"], caseless: true),
            validator: Validators.random(minimumBits: 3.0),
            examples: ["using token Bearer «GeMOt1r7Bz-7x6KU8nTrrHTTja0_-QE5xCLOJzsE» for api.example.com"],
            counterexamples: ["token_type: Bearer", "Bearer realm=\"example\""]),
        Detector(
            id: "basic-auth-credentials",
            description: "HTTP Basic credentials outside an Authorization header (Basic base64(user:password))",
            pattern: #"(?<![A-Za-z0-9])(?i:basic)[ \t]++([A-Za-z0-9+/]{6,4096}+={0,2})(?![A-Za-z0-9+/=])"#, group: 1,
            prefilter: Prefilter(keywords: ["basic"], caseless: true),
            validator: { value in value.count % 4 == 0 && Validators.basicCredentials(value) },
            examples: ["proxy credentials Basic «ZGVwbG95OlE3dmhYMnBMbTlSdFk0d1o=» accepted"],
            counterexamples: ["Basic authentication required", "basic usage"]),
        Detector(
            id: "url-credentials",
            description: "Password in a URL's user information (scheme://user:password@host)",
            // The password runs to the user information's last `@` (`smb://u:p@ss@host`).
            pattern: #"(?<=[A-Za-z0-9])://[^\s:@/?#]{1,128}:(?C1)((?:[^\s@/?#]|[@?#](?=[^\s@/]*+@)){1,256}+)@"#, group: 1,
            prefilter: Prefilter(keywords: ["://"]),
            // `user:pass@`, `test:test@`, `xxxxx:xxxxx@`: documentation's stand-ins. A quote
            // then `;`, `,` or `)` ends a string literal in code (`"https://host:8000";@x`):
            // the URL ended there, and what follows is no password.
            validator: { value in
                !ValueShape.plainWords.contains(String(decoding: value, as: UTF8.self).lowercased())
                    && !zip(value, value.dropFirst()).contains { "\"'".utf8.contains($0) && ";,)".utf8.contains($1) }
            },
            marksValueStart: true,
            examples: ["postgres://app:«s3cr3t-Pa55»@db.internal:5432/app", "smb://ops:«W1nd@ws-9x»@files.internal/share",
                       "remote: https://x-access-token:«gho_notarealtoken»@github.com/org/repo.git"],
            counterexamples: ["https://github.com/org/repo", "http://localhost:8080/path", "https://user:pass@proxy.corp.example.com:4443",
                              "http://xxxxx:xxxxx@proxy.corp.example.com:8080", "http://test:test@localhost:8080",
                              #"endpoints("http://relay:7000"),@Named("relay")"#,
                              #"f"postgres://{db_user()}:{vault.read(db_role)}@db.internal/app""#]),
        Detector(
            id: "curl-user-password",
            description: "Password in curl/wget -u, --user and --proxy-user user:password, or an API key as the user with no password (-u KEY:)",
            // Services that take an API key as the basic-auth user write `curl -u KEY:`, the
            // password left empty: then the user is the secret (the second branch).
            pattern: #"(?<![A-Za-z0-9-])(?:-u|--user|--proxy-user)(?:[ \t]++|=)["']?(?|(?![+%])[^\s:"'<]{1,128}:([^\s"']{1,256})|([^\s:"'<$]{12,256}):(?=["']?(?:\s|$)))"#,
            group: 1,
            prefilter: Prefilter(keywords: ["-u ", "-u\t", "--user", "--proxy-user"]),
            // `-u 1000:1000`, `-u user:password`, `-u "${USER}:${PASS}"` are no passwords; a user
            // alone (`-u admin:`, `-u deploy-bot:`) is a name unless it looks generated.
            matchValidator: { match, value, _ in
                if value.endIndex < match.endIndex { return RandomToken.looksRandom(value) }
                return !value.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && ValueShape.password.accepts(value)
            },
            examples: ["+ curl -fsS -u admin:«GcC75BuRrN9Au3W2» https://jenkins.example.com/api/json",
                       "wget --user=bob:«slLDSkQZxM» https://example.com/f",
                       "curl -u «Wq8Lx2Rm7Tb4Kp9Zv1Nc»: https://api.example.io/v1/leads", #"curl -u "«d7Kq2Lx9Wm4Rt8Vb!z»:" https://localhost:9200"#],
            counterexamples: ["docker run -u 1000:1000 alpine", "curl -u admin https://example.com", "curl -u username:password", "curl -u <user:password> https://api.example.org/items",
                              "curl -u deploy-automation: https://ci.example.org", #"curl -u "$API_KEY:" https://api.example.io"#,
                              "curl --user user:pass --digest http://127.0.0.1:8080/upload",
                              #""created": "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)""#,
                              #"curl -u "${USER}:${PASS}" https://example.com"#]),
        Detector(
            id: "netrc-password",
            description: "Password in a .netrc entry (machine … login … password …)",
            pattern: #"(?<![A-Za-z0-9])machine[ \t]++(?:[A-Za-z0-9_-]++\.[A-Za-z0-9_.-]++|localhost|default)(?:[ \t\r\n]++(?:login|account)[ \t]++\S{1,256}+)?[ \t\r\n]++password[ \t]++(\S{1,256})"#,
            group: 1,
            prefilter: Prefilter(keywords: ["machine"]),
            examples: ["machine api.github.com login bob password «pG6dFDB2wURbJmPSEhy7»", "machine example.com\n  login bob\n  password «Hc2G3y5TkNbB»"],
            counterexamples: ["machine learning password policy"]),
        Detector(
            id: "url-query-secret",
            description: "Secret-looking values of sig, signature, code, key, auth and session query parameters",
            confidence: .medium,
            pattern: #"[?&;](?i:sig|signature|code|key|apikey|auth|sessionid|session_id|jwt|secret|pass|passwd)=([^&\s#"'/]{16,2048}+)(?![^&\s#"'])"#,
            group: 1,
            prefilter: Prefilter(
                keywords: ["sig=", "signature=", "code=", "key=", "apikey=", "auth=", "sessionid=", "session_id=", "jwt=",
                           "secret=", "pass=", "passwd="],
                caseless: true, lead: 1),
            validator: Validators.random(minimumBits: 3.2),
            examples: ["GET /callback?state=xyz&code=«FparQ6XgLdmXfCn82oesQVUA5yxN_t1us95ZWKXz» HTTP/1.1"],
            counterexamples: ["/search?q=x&code=ABCDEFGHIJKLMNOPQRSTUV", "/download?key=reports/2026/11/summary-42.pdf"]),
        Detector(
            id: "jwt-base64",
            description: "A JSON Web Token encoded once more in base64 (ZXlK…, as in Kubernetes Secret data or basic auth)",
            pattern: #"(?<![A-Za-z0-9+/])ZXlK[A-Za-z0-9+/]{60,4000}+={0,2}+(?![A-Za-z0-9+/=])"#,
            prefilter: Prefilter(keywords: ["ZXlK"]),
            validator: { value in
                guard let decoded = Validators.base64Decode(value) else { return false }
                return decoded.starts(with: Array("eyJ".utf8)) && decoded.filter { $0 == UInt8(ascii: ".") }.count == 2
            },
            examples: ["  token: «ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUpqYVMxaWIzUWlMQ0psZUhBaU9qRTRPVE0wTlRZd01EQjkuclpTZ3FiakczdWhrV0tGTGY2eHVJNWFIVVFQRmVOQlR4YVFXazhKekZhbA==»"],
            counterexamples: ["ZXlKaGJHY2lPaUpJVXpJMU5pSjku is a cut header", "ZXlKemRXSWlPaUpqYVMxaWIzUWlMQ0psZUhBaU9qRTRPVE0wTlRZd01EQjlBQUFBQUFBQUFBQUFBQUFBQUFB"]),
    ]
}
