/// Private keys: PEM, OpenSSH and PGP blocks (multi-line or with \n escapes), base64 of a
/// PEM block, PuTTY, age, WireGuard, JSON Web Keys, BIP32 extended private keys.
extension BuiltinDetectors {
    static let privateKeys: [Detector] = [
        Detector(
            id: "private-key",
            description: "PEM, OpenSSH and PGP private key blocks, multi-line or with \\n escapes inside JSON",
            pattern: #"-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.()<>@_]|-(?!----)|\\[nrt/])*+"#
                + #"(?:-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----)?"#,
            prefilter: Prefilter(keywords: ["-----BEGIN"]),
            examples: [
                "key:\n«-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----»\ndone",
                #"{"private_key": "«-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----»\n"}"#,
                "«-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----»",
                "«-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2.0.22 (GNU/Linux)\n\nlQOYBFMkQG/khTJgpUo0cLFDDSLndZI+GUDlbKu1+HaE70GcsKnCi6mLodoy+80y6e\n=Qk9p\n-----END PGP PRIVATE KEY BLOCK-----»\n",
                #"{"key":"«-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\/xsc+lwfhnxAVuozFka0qTVDMAoR+FnWUc1/bWNez\n-----END EC PRIVATE KEY-----»"}"#,
            ],
            counterexamples: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----"]),
        Detector.prefixed(
            id: "private-key-base64",
            description: "Base64 of a PEM private key block (LS0tLS1CRUdJTi…, as in Kubernetes and CI variables)",
            prefixes: ["LS0tLS1CRUdJTi"], body: #"[A-Za-z0-9+/]{20,40000}+={0,2}"#, tail: "A-Za-z0-9+/=",
            validator: Validators.decodes(toContain: ["PRIVATE KEY"]),
            examples: ["SSH_KEY_B64=«LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0Kiej/1iH5kLFH+hIw+O1QNbBuN6i7k/dH1yD/PBLWB+MWnslpfvUdsXUs6DghlJa41WBCFODr16kqN4hZzw+tq2VhBipNUJaJd8h43ZouOo5/p0/po7+jrA1o»",
                       "tls.key: «LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCgklzEkNwuzxocCgqzFFHDhLc0SEOUJG+n0EFPm1UVNOArpTvSnU1qziFdmMAfge8IWxi6ob2vPmlmMCCixqQOYIg8arRE4/LT4z/MeyvWTHw9bjLoNHKUrOhZIqIWAXzbVzc78kSNlGLwK3tH54+P8M6tkX0iFwIFUDEioppEQMdM0nBe1yf9plZhWRsaCZgr0SvYyA0D»"],
            counterexamples: ["tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM"]),
        Detector(
            id: "putty-private-key",
            description: "Private lines of a PuTTY key file (.ppk)",
            pattern: #"Private-Lines:[ \t]*+\d{1,3}\r?\n([A-Za-z0-9+/=]{1,64}+(?![^\r\n])(?:\r?\n[A-Za-z0-9+/=]{1,64}+(?![^\r\n]))*+)"#,
            group: 1,
            prefilter: Prefilter(keywords: ["Private-Lines:"]),
            examples: ["Public-Lines: 2\nAAAAC3Nza\nAAAAI\nPrivate-Lines: 1\n«AAAAIM798KRQryW4EnrKXOJFWAZEfaiyPUmmIsWJM67»\nPrivate-MAC: 1c8fcb1ed671d0b8a8a8c3c3cfcd8e9d9fe41bcb9485177b89c816559faabb2d"],
            counterexamples: ["Private-Lines: none"]),
        Detector(
            id: "age-secret-key",
            description: "age encryption secret key (AGE-SECRET-KEY-1…)",
            pattern: #"(?<![A-Za-z0-9])AGE-(SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])"#, group: 1,
            // Not "AGE-…": its trigram is in every "message" and "user-agent".
            prefilter: Prefilter(keywords: ["SECRET-KEY-1"], lead: 4),
            examples: ["# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\nAGE-«SECRET-KEY-1QQPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHC»"],
            counterexamples: ["AGE-SECRET-KEY-1 is the prefix"]),
        Detector(
            id: "wireguard-private-key",
            description: "WireGuard private or preshared key (PrivateKey = …, PresharedKey = …)",
            pattern: #"(?i:PrivateKey|PresharedKey)[ \t]*+=[ \t]*+([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)"#, group: 1,
            prefilter: Prefilter(keywords: ["privatekey", "presharedkey"], caseless: true),
            examples: ["[Interface]\nPrivateKey = «+ysc5P1/fE91kqskiIYwTSO6qbIYsRYb5nHOvREc4yA=»\nAddress = 10.8.0.2/24"],
            counterexamples: ["PrivateKey = (hidden)"]),
        Detector(
            id: "jwk-private-key",
            description: "Private members of a JSON Web Key (\"d\", \"p\", \"q\", \"dp\", \"dq\", \"qi\")",
            pattern: #""(?:d|p|q|dp|dq|qi)"\s*+:\s*+"([A-Za-z0-9_-]{32,4000}+)""#, group: 1,
            prefilter: Prefilter(keywords: [#""d""#, #""p""#, #""q""#, #""dp""#, #""dq""#, #""qi""#]),
            examples: [#"{"kty":"EC","crv":"P-256","x":"q7mZ19BU26kEt7ZXe9tVo-mRNJdtSXOIzjxGyI9D8kY","y":"Wq-T3QZDNe4W_q2vn-kb93lFTalTFCHYXjggzw-jWCD","d":"«f8p7uD2_6XBNE3d2koDoGH4D0eT2_2atqQS_KAmp88k»"}"#],
            counterexamples: [#"{"kty":"EC","crv":"P-256","x":"_-rltX5f2huFQM_VugJGqeJjfQKpUkoDX_HgWELIYwv","y":"OPwCWfsHB7ycTPRqx54ueaMcA87W4kk4EvX69MAz8ic"}"#, #"{"d": "2026-11-25"}"#]),
        Detector.prefixed(
            id: "bip32-extended-private-key",
            description: "BIP32 extended private key (xprv…, tprv…, yprv…, zprv…)",
            prefixes: ["xprv", "tprv", "yprv", "zprv"], body: #"[1-9A-HJ-NP-Za-km-z]{107,108}"#, tail: "A-Za-z0-9",
            examples: ["«xprv9s21ZrQH143KoEHrNJckLGvAHFvEy7jywUiK3B5CGmCStvs6cWo3hEnaB43HrWfRgKKuVuivmY6rJ2ybLmKsHZBG3dKn9L4rycZ6EZTZ9Hr»"],
            counterexamples: ["xpub661MyMwAqRbcFtucoubo65uwainnox5was2j4hhctc3tgsllfw6o7wewtuwuvi2yexerfpnczam254hxccewa6livncyg5wk3qprqntlll4"]),
    ]
}
