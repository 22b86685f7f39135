import Testing
@testable import MaskrunEngine

/// Credentials that servers, installers and CLIs announce in their messages (issue 10,
/// `secret-in-prose`): a secret word, a connecting phrase, the value; or a lead-in line and
/// the value on the next one. Each line is written by hand in the style of a real program's
/// output (MySQL's first start, Elasticsearch's reset and setup tools, Rancher, Grafana,
/// Airflow, Docker Compose's log prefix), with made-up values. `«…»` marks what must be
/// masked; a line without marks must pass unchanged.
@Suite struct AnnouncedSecretTests {
    /// `builtin: all`: the next-line form is off by default (its cost).
    static let allEngine = MaskingEngine(rules: BuiltinDetectors.all.map {
        MaskRule(detector: $0, replacement: .template(Replacement.defaultTemplate))
    })

    @Test(arguments: [
        "2025-11-30T22:41:07.402913Z 6 [Note] [MY-010454] [Server] A temporary password is generated for root@localhost: «e>4Kw;Tz0pQ_»",
        "2025-11-30T22:41:07Z 1 [Note] A temporary password is generated for root@127.0.0.1: «Yq2/hX8#Lc5v»",
        "Your new password is: «Rn6Vw3Kt8Hq2»",
        "superuser password set to «Gz5Lk9Wp2Xd7» (change it after the first login)",
        "admin password has been reset to «Mf8Tq3Zn6Wc1»",
        #"Changing password of user "ci-bot" to «Kp4Xz9Lq2Wm7»"#,
        "The generated password for the elastic built-in superuser is : «Tw9Qm2-Lx6Rz4Kp8Vn3»",
        "DEPLOY_SECRET is «Hx7Rm2Lq9Wz4Tk6B»",
        "Simple auth manager | Password for user 'admin': «bT6wQz3xLk8R»",
        "PASSWORD beats_system = «Lw3Qx8Kz5Rm2Tn9V»",
        "Your API key is: «Zk4Lq9Wm2Xr7Tb5Nc»",
        "Personal access token generated: «Wq2Lk8Zx5Rm9Tn3V»",
        "login ok, session token «Rz8Kq3Lx6Wm2Tn9V» valid for 1h",
    ])
    func aPhraseThenTheValue(_ line: String) {
        checkMarked(line)
    }

    @Test(arguments: [
        // elasticsearch-reset-password, and the first start's security summary
        "Password for the [elastic] user successfully reset.\nNew value: «h9Qw=Lk3Zx7Rm2Tb_Vn»\n",
        "ℹ️  Password for the elastic user (reset with `bin/elasticsearch-reset-password -u elastic`):\n  «Xr3Lq8-Wz5Km2Tn9Vb»\n\nℹ️  HTTP CA certificate SHA-256 fingerprint:\n  3e9f1a7c2b8d4e6f0a5c9b1d7e3f8a2c4b6d0e9f1a3c5b7d\n",
        // Rancher's reset-password, with a blank line between
        "New password for default admin user (user-x4k9p):\n\n«Qm7Lz2Wx9Rk4Tb8N»\n",
        // the same lines under Docker Compose's prefix
        "search-1  | Password for the elastic user (reset with `bin/elasticsearch-reset-password -u elastic`):\nsearch-1  |   «Kz6Wq2-Lm9Xr4Tb7Nv»\n",
    ])
    func aLeadInLineThenTheValue(_ text: String) {
        checkMarked(text, engine: Self.allEngine)
    }

    @Test(arguments: [
        "password reset email sent to bob@example.com",
        "token expired at 12:00",
        "password is required",
        "Password must be at least 8 characters",
        "secret is not set",
        "token is valid",
        "the key is: press Enter",
        "Password changed to meet the new policy",
        "Password changed successfully for user 'admin'",
        "passwd: password updated successfully",
        "Token: token refreshed for the runner",
        "Password set to expire in 90 days",
        "token for user bob is stored in the keychain",
        "ERROR: password authentication failed for user \"app\"",
        "API keys are stored in the vault",
        "SyntaxError: unexpected token 'else'",
        "Password for the [elastic] user successfully reset.\nPlease keep it safe.\n",
        "Enter the new password:\n(input hidden)\n",
        "Your password must contain:\n  - 12 characters or more\n",
        "the token expires at:\n2026-12-02T05:30:01Z\n",
        "    if not token:\n        raise ValueError(\"missing token\")\n",
    ])
    func proseWithoutAValueStays(_ line: String) {
        checkMarked(line)
    }

    /// The lead-in line is public text and shows at once; the value on the next line, still
    /// arriving when the output pauses, is masked whole and never shown in part.
    @Test func theLeadInShowsAtOnceAndTheValueIsMaskedWhateverItsPauses() {
        let stream = MaskingStream(engine: Self.allEngine)
        let lead = "New password for default admin user (user-x4k9p):\n"
        #expect(text(stream.feed(bytes(lead))) == lead)
        var rest = text(stream.feed(bytes("Qm7Lz2")))
        rest += text(stream.flush())
        rest += text(stream.feed(bytes("Wx9Rk4Tb8N\n"))) + text(stream.finish())
        #expect(!rest.contains("Qm7") && !rest.contains("Tb8N"), "\(rest)")
        #expect(rest.hasSuffix("\n") && rest.contains("[MASKED:"), "\(rest)")
    }
}
