import Testing
@testable import MaskrunEngine

/// Formats and layouts found missing on Kingfisher's and trufflehog's rule examples in
/// session 10 (issue 10). `«…»` marks what must be masked; a line without marks must pass
/// unchanged. Every value here is made up for this file, in the provider's documented shape.
@Suite struct CatalogueFormatsTests {
    @Test(arguments: [
        // Prefixed keys with no detector of their own, bare as a console shows them.
        "«ion_Rk2Wq8Lx5Zm3Tb7Vn1Hc6Pd9Yf4Gs0Ja2Ke8Uo3Niq»",
        "SCRAPFLY_KEY=«scp-live-7e1c0a9b3d5f42867a1b9c0d2e4f6a8b»",
        "Authorization: Bearer «pk_prod_Q7W2E9R4T1Y6U3I8O5P0A2S7D4F1»",
        "TICKETTAILOR_KEY=«sk_0912_384756_5b9e2c7a1f04d6e83c2a9b7f1e5d0c4a»",
        "«thog-secret-7c1e9a3b5d2f8e4a6c0b9d7f3e1a5c8b»", "pri «pri_4e9a1c7f3b5d2e8a6c0f9b7d1e3a5c2b»",
        "«tk.eyJ1IjoiZGVwbG95LWNpIiwiZXhwIjoxNzY0NzY2NDAwLCJhIjoiWnc5cUwzIn0.Lm8Xq2Rt7Vb4Kp9Zw1NcHd»",
        "«phx_Rq7Lx2Wm9Tb4Kp1Zv6NcHs3Dj8Fg5Qa0We7Ty2Ui9Op4As_m»",
        // Known formats in a second layout: CircleCI's last part in lower-case letters, Shippo's
        // hex in capitals, a Cloudflare Origin CA key in three hex runs.
        "«CCIPAT_Hq2Wm8Xr5Tz1Lb7Kc4Nv9J_p3k8m2q7w1z6x4c9v5b0n3l8j2h7g4f1d6s9a0qe»",
        "shippo_live_«9F3A7C1E5B2D8F4A6C0E9B3D7F1A5C8E2B6D0F4A»",
        "«v1.0-0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b»",
        // A Telegram bot token in an Apprise notification URL, whatever its secret part starts with.
        "apprise -b done tgram://7712094436:«Kw3Rt8Yz1Lq6Xm0Vb5Nc2Hd7Jf4Gs9Pa_E»/-1001234",
        // An API key given as curl's basic-auth user with no password; a user name so stays.
        "curl -sS -u «Hn3Kq8Wz2Lx7Rv5Tb9Mc»: https://api.example.io/v1/me", "curl -u ci-bot: https://ci.example.org",
        // Look-alikes that stay: a word after ion_, Stripe's mixed-case test key, an Apprise
        // URL with no token, a short version string after v1.0-.
        "ion_channel_state=open",
        "pk_test_TYooMQauvdEDq54NiTphI7jx",
        "tgram://7712094436/-1001234",
        "release v1.0-rc1 tagged",
    ])
    func formatIsMasked(_ marked: String) {
        checkMarked(marked)
    }

    /// A secret in a query string ends where the next parameter starts; a reference or a
    /// template there is that parameter's, and no reason to show the secret.
    @Test(arguments: [
        #"URI("https://app.example.io/v1/?api_key=«Vq7Lx2Rm9Tb4Kp1Zw6Nc»&url=#{url}&wait=1")"#,
        "curl 'https://api.example.io/q?token=«Hs8Kd3Lq9Wz2Xv6Rb1Tn»&next=%NEXT%'",
        // The reference is the value itself: it stays.
        "https://api.example.io/q?api_key=#{key}&url=#{url}",
        "https://api.example.io/q?token=${TOKEN}&page=2",
    ])
    func queryStringValue(_ marked: String) {
        checkMarked(marked)
    }
}
