/// Private keys: PEM, OpenSSH and PGP blocks (multi-line or with \n escapes), base64 of a
/// PEM block, PuTTY, age, WireGuard, JSON Web Keys, BIP32 extended private keys.
extension BuiltinDetectors {
    static let privateKeys: [Detector] = [
        Detector(
            id: "password-hash",
            description: "Password hashes: crypt(3) ($1$, $apr1$, $2b$, $5$, $6$, $7$, $y$, $gy$, $sha1$, $md5$), Cisco ($8$, $9$), Argon2, Kerberos AS-REP and TGS roasts",
            // The value starts after the leading `$`: a shell prompt's `$ ` is shown at once
            // (a `$` at a read's end could begin a hash, and only what may be value is held).
            // Cracked offline, a hash gives back the password: /etc/shadow, htpasswd, a router's
            // configuration, a roasting tool's output. Salt and hash use crypt's alphabet.
            pattern: #"\$(?<![A-Za-z0-9$./]\$)(?C1)((?:1|apr1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}"#
                + #"|[56]\$(?:rounds=[0-9]{3,9}\$)?[./A-Za-z0-9]{1,16}\$(?:[./A-Za-z0-9]{86}|[./A-Za-z0-9]{43})"#
                + #"|[89]\$[./A-Za-z0-9]{14}\$[./A-Za-z0-9]{43}|g?y\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}"#
                + #"|7\$[./A-Za-z0-9]{11,80}\$[./A-Za-z0-9]{43}|sha1\$[0-9]{1,10}\$[./A-Za-z0-9]{1,64}\$[./A-Za-z0-9]{28}"#
                + #"|md5\$(?:rounds=[0-9]{1,8}\$)?[./A-Za-z0-9]{1,16}\$\$?[./A-Za-z0-9]{22}"#
                + #"|argon2(?:id|i|d)\$v=[0-9]{1,3}\$m=[0-9]{1,8},t=[0-9]{1,4},p=[0-9]{1,3}\$[A-Za-z0-9+/]{8,88}\$[A-Za-z0-9+/]{16,128}"#
                + #"|krb5(?:asrep|tgs)\$[0-9]{2}\$[^\s]{0,300}?[0-9a-f]{32}\$[0-9a-f]{64,40000}+)(?![./A-Za-z0-9])"#, group: 1,
            prefilter: Prefilter(keywords: ["$1$", "$apr1$", "$2$", "$2a$", "$2b$", "$2x$", "$2y$", "$5$", "$6$", "$7$", "$8$", "$9$", "$y$", "$gy$",
                                            "$sha1$", "$md5$", "$argon2", "$krb5asrep$", "$krb5tgs$"]),
            marksValueStart: true,
            examples: [
                "root:$«6$8PpvCkjIg8Kd327c$1w1DCWTDNoRJiATcFaIKRVqFF9fixYlOOE7UHY3V50og/m/R8HmvZ5PUCTvpmnkM4U79wLqMQSR/dSuxmtZqhz»:19700:0:99999:7:::",
                "deploy:$«y$j9T$qe9oMuTvO1nX7unxaTPKi0$23zpvoo8IwxqMlDe2v.pG4D1F9p8sn6aS/ZCpRFCXlT»:19812:0:99999:7:::",
                "admin:$«1$qDrBwtgi$BpNc4ukKtOEW5lS2bGLv0c»", "ops:$«apr1$ERb5Desm$T6DUlD/zYHvVshp2oo..yz»", "PASSWORD_HASH='$«2b$10$XPuL8nrUNWvyuGXYBoI5dAMmiNwOlN6m2DE3z3CEluyn8ax0hjNP7»'",
                "$«5$rounds=10000$LKDXjtJs3Kfg$idfwNqpRCGVbFHuoPGqzGpjwBpULF.7XNHY33f1XW5G»",
                "username netops privilege 15 secret 8 $«8$uV3jdgy3lWOlJo$DUdBLHEfh.GDu2YWSaWota2cBoDhZXIl/6CVU98qpVn»",
                "$«argon2id$v=19$m=65536,t=3,p=4$BKG7m85VKqF6b9Rw9NSp6l$pBOpnbxR5KvW3+/q+UXX84FI0Ta01Mjk4JyoQdEjS8Z»",
                "$«krb5asrep$23$svc_backup@CORP.EXAMPLE:c6ce7fbbd5273656f0f1ad35a70653c8$3ef7a3eb051cd058a654d812b1131cbfad1959a5357de84426de6f1cc81e4129f56e3413d1c9341d61571ca31c5200541fca446bcb7620dfc799456b9327e713699d894ef560044ed7ea44caf0991af673f821f9f9abce21e726»",
                "$«krb5tgs$23$*websvc$CORP.EXAMPLE$http/web01*$0328c5fc273853c40f834c1555471959$6e1085ed77b917c7828131635c751d6c9c2af4f71fc7865ecb34867db276aa63565bfbeac7f1c489c62d7b7c37c3debaa1a1201d6486c8216eb9071bcd17f41ad2f01987ca126c4a3f09d20391bbd6f5»",
            ],
            counterexamples: ["echo $1$2$3", "costs $5$ per seat", "the default is $6$rounds=5000$", "x=$y$z", "$2b$10$ is the prefix"]),
        Detector(
            id: "private-key",
            description: "PEM, OpenSSH and PGP private key blocks, multi-line or with \\n escapes inside JSON",
            // A block written as string literals joined line by line (`"…" +⏎"…"`, `"…"⏎"…"`,
            // PHP's `.`, VB's `&`) is one block.
            pattern: #"-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.()<>@_*]|-(?!----)|\\[nrt/]"#
                + #"|["'][ \t]*+[+.&]?[ \t]*+\r?\n[ \t]*+[+.&]?[ \t]*+["'])*+"#
                + #"(?:-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----)?"#,
            prefilter: Prefilter(keywords: ["-----BEGIN"]),
            // Documentation's block around `...` or `***` holds no key (`*` is in the body's
            // bytes so that such a block is read to its END line and judged whole).
            validator: { value in !ValueShape.isKeyBlockWithoutKey(value) },
            examples: [
                "key:\n«-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----»\ndone",
                #"{"private_key": "«-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----»\n"}"#,
                "«-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----»",
                "«-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2.0.22 (GNU/Linux)\n\nlQOYBFMkQG/khTJgpUo0cLFDDSLndZI+GUDlbKu1+HaE70GcsKnCi6mLodoy+80y6e\n=Qk9p\n-----END PGP PRIVATE KEY BLOCK-----»\n",
                #"{"key":"«-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\/xsc+lwfhnxAVuozFka0qTVDMAoR+FnWUc1/bWNez\n-----END EC PRIVATE KEY-----»"}"#,
                // string literals joined line by line
                "String pem = \"«-----BEGIN PRIVATE KEY-----\" +\n    \"MIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4w\" +\n    \"ggE6AgEAAkEAq7BFUpkGp3+LQmlQYx2eqzDV\" +\n    \"-----END PRIVATE KEY-----»\";",
                "KEY = (\"«-----BEGIN EC PRIVATE KEY-----\\n\"\n       \"MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5C\\n\"\n       \"-----END EC PRIVATE KEY-----»\\n\")",
            ],
            counterexamples: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----",
                              "-----BEGIN EC PRIVATE KEY-----\n...\n-----END EC PRIVATE KEY-----",
                              "-----BEGIN RSA PRIVATE KEY-----\n*****\n-----END RSA PRIVATE KEY-----",
                              #""key": "-----BEGIN PRIVATE KEY-----\n<paste the key here>\n-----END PRIVATE KEY-----\n""#]),
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
        seedPhrase,
    ]
}
