import Testing
@testable import MaskrunEngine

/// Mechanisms found sorting the misses and damaged negatives of corpora nobody on the team
/// wrote (issue 10, seventh round): key blocks without a key, code and templates around a
/// URL's password, stand-in words in capitals, grouped bank and card numbers, IDN e-mail
/// domains, Vercel's prefixed tokens. `«…»` marks what must be masked; a line without
/// marks must pass unchanged. Every string here is written by hand for this file.
@Suite struct UnseenCorporaTests {
    static let allEngine = MaskingEngine(rules: BuiltinDetectors.all.map {
        MaskRule(detector: $0, replacement: .template(Replacement.defaultTemplate))
    }, hashKey: Array("test-key".utf8))

    @Test(arguments: [
        // A whole key block around documentation's stand-in: no key material in it.
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n**********\n-----END OPENSSH PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nput the deploy key here\n-----END PRIVATE KEY-----",
        #"{"private_key": "-----BEGIN PRIVATE KEY-----\n<your key>\n-----END PRIVATE KEY-----\n", "client_id": "1"}"#,
        // Code around a URL: a string literal closed before the `@`.
        #"hosts("http://cache:6380"),@Singleton"#,
        #"x = 'ftp://mirror:2121';@include"#,
        // A URL's password that is an f-string's or template's expression.
        #"url = f"https://{user}:{secrets.get(name)}@git.internal/repo.git""#,
        // A provider format or a secret name's value with a stand-in word in capitals.
        "aws_secret_access_key=Qz7vR2mWk9XbLp4NtC8sYdF3hJ6uE1oAiGSAMPLE",
        "SECRET_KEY=Hn4Lq8Rt2Vx6Zb9Mc3Kp7TESTKEY",
        // A URL's password that says what to write there.
        "DATABASE_URL=postgres://app:REPLACE_WITH_DB_PASSWORD@db.internal:5432/app",
        // A JSON key after a URL ending in a secret word: the next key, a versioned identifier.
        #"{"issuer":"https://login.example.net/oauth2/token","client_x509_cert_path":"/etc/ssl/c.pem"}"#,
        // A card's four groups inside an IBAN-shaped account number (country code and check digits before them).
        "account ME07 5380 0743 6244 5375 91",
    ])
    func standsInOrIsCode(_ line: String) {
        checkMarked(line)
    }

    @Test(arguments: [
        // A key block with a body, complete or cut short, is masked.
        "«-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBm4cX0Tq8vLr2wZpJd7\n-----END EC PRIVATE KEY-----»",
        "«-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAv7Zk3Q»",
        #"{"private_key": "«-----BEGIN PRIVATE KEY-----\nZq3Lk8Vt2Nw7Xr4Mb9Hc6Pj1Sd5Fg0Ty\n-----END PRIVATE KEY-----\n»"}"#,
        // A URL's password with a quote that does not end a string literal.
        "mysql://app:«Pw'9xK2vLq»@db.internal/app",
        // Random passwords that hold a lower-case word stay secrets.
        "password=«resample42Kx!»",
        // A card alone, and two cards one after the other.
        "card «5380 0743 6244 5375» exp 11/29",
        "card «5380 0743 6244 5375» 11/29 «5177 8798 4856 3220» 09/28",
        "«4355785419473367» «5177-8798-4856-3220»",
        // Maven's encrypted master password (its key is public).
        "  <master>«{Rb8Ty2Kw6Mx4Pz0Lc9Vn3Hq7Sd1Fg5Ju8Ao2Ei4Wu6Yt=}»</master>",
        // A token with digits after its letters in parts is no identifier.
        "api_token=«k3xq9_v7mz2_p4wr8»",
        // Vercel's prefixed tokens, with or without their name.
        "VERCEL_TOKEN=«vca_T3nq9Zk4Lm7Xp2Rv8Wc5Hs1Jd6Fb0Gy4Qe7Ut3Io9Pa2Kl5Zx8C»",
        "--token «vck_Mw2Rt6Yp0Qs4Uv8Xz3Bn7Cm1Df5Gh9Jk2Lp6Nq0Sr4Tv8Wx»",
    ])
    func secretIsMasked(_ marked: String) {
        checkMarked(marked)
    }

    @Test(arguments: [
        // IBANs grouped with dashes, one separator throughout.
        "Konto «CH39-0871-2345-6789-0123-4» bei der Bank",
        "IBAN CH39-0871 2345-6789-0123-4",
        // An e-mail address under an internationalised top-level domain.
        "mail «kontakt@xn--mller-kva.xn--e1a4c»",
        "mail «ops@example.xn--vermgensberatung-pwb»",
    ])
    func personalData(_ marked: String) {
        checkMarked(marked, engine: Self.allEngine)
    }
}
