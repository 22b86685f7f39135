/// Chat and mail: Slack, Discord, Telegram, Microsoft Teams, Google Chat, SendGrid,
/// Mailgun, Mailchimp, Brevo, Postmark, Twilio, Vonage, Mailjet, Matrix.
extension BuiltinDetectors {
    static let messaging: [Detector] = [
        Detector.prefixed(
            id: "pubnub-key",
            description: "PubNub publish, subscribe and secret keys (pub-c-…, sub-c-…, sec-c-…)",
            prefixes: ["pub-c-", "sub-c-", "sec-c-"], body: #"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9+/]{40,64}={0,2})"#,
            tail: "A-Za-z0-9+/=-",
            examples: ["publishKey: '«pub-c-65e55130-5fd2-d249-0ca4-c616e8c4bf14»'", "PUBNUB_SUBSCRIBE_KEY=«sub-c-4d333495-5d46-af78-3b52-901a6ccaccdb»",
                       "secretKey: «sec-c-Ifl4c7xU2zXCot2PoPUtg3SUunWZTRTpysCW9f4CA96qeGs6»"],
            counterexamples: ["pub-c-short", "sub-c-section"]),
        Detector.prefixed(
            id: "twitch-stream-key",
            description: "Twitch stream key (live_<user id>_…)",
            prefixes: ["live_"], body: #"[0-9]{6,12}_[A-Za-z0-9]{30}"#, tail: "A-Za-z0-9", truncatable: false,
            examples: ["rtmp://live.twitch.tv/app/«live_678056297_QKni0FaOTcP5iKL27NqHTKHpffPmDp»"],
            counterexamples: ["live_678056297_short", "live_stream_key_setting"]),
        Detector(
            id: "slack-token",
            description: "Slack bot, user, app, configuration and refresh tokens (xox…)",
            pattern: #"\b(xox[abposre]-(?:[0-9]++|(?=[A-Za-z]*+[0-9])[0-9A-Za-z]{6,16}+)-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])"#, group: 1,
            prefilter: Prefilter(keywords: ["xox"]),
            examples: ["SLACK_TOKEN=«xoxb-263594206564-2343784873232-Wq9gZ4zKpR0LsT3nVbX8cY1d»",
                       // Team and user ids are digits; test workspaces' exports show them as hex.
                       "«xoxp-7F3A91CE-5D2B8E40A6C1-Lq7Wz3Kx9Rb2Tm5VHn6Tq2Wz»"],
            counterexamples: ["xoxb- tokens start like this", "xoxo-indieweb-1.jpg"]),
        Detector.prefixed(
            id: "slack-app-token",
            description: "Slack app-level token (xapp-…)",
            prefixes: ["xapp-"], body: #"\d-[A-Z0-9]{9,12}-\d{10,14}-[a-z0-9]{32,}+"#, tail: "A-Za-z0-9",
            examples: ["SLACK_APP_TOKEN=«xapp-1-ATFGVXBWOEP-7376735324991-3d0d8040fbf9f020e8dbef185582b677961693d255133539525431571330edc6»",
                       "«xapp-1-B7Q2M9X4K1R-5180362947715-k3v9x7m2q8w4z6t1p5r0n8b3c7d2f6g4h9j1l5s3y7a0e2u6i8o4w1q9z3x5v7m2»"],
            counterexamples: ["xapp-1-short"]),
        Detector.prefixed(
            id: "slack-config-token",
            description: "Slack app configuration access token (xoxe.xoxp-…, xoxe.xoxb-…)",
            prefixes: ["xoxe.xoxp-", "xoxe.xoxb-"], body: #"\d-[A-Za-z0-9]{140,180}"#,
            examples: ["«xoxe.xoxp-1-PQKCZECHZS63MBMZ88AQGGZKBYRGB4TIIM062ZS8UJR61LWR6XNHZC45X6UA77GHMVZN7KVTAE7YVZFUGNTC8MYN8H38J44NA3XKU55GPVPYBTNAIJ530TT1ZU0E3X2EN47SXYO6SBJKDKL3UQTIHMIBFNWS3XWBHG1J»"],
            counterexamples: ["xoxe.xoxp-1-short"]),
        Detector(
            id: "slack-webhook",
            description: "Slack incoming webhook URL",
            // The scheme is often left out in configuration and logs.
            pattern: #"(?:https?://)?(?<![A-Za-z0-9.-])hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/_-]{20,200})"#,
            group: 1,
            prefilter: Prefilter(keywords: ["hooks.slack.com/"], lead: 8),
            examples: ["https://hooks.slack.com/services/«T024BE7LD/B01J8QBL6C9/Xq2b9Zp4LmK8wT1vR6nY3sD0»",
                       "webhook_url: hooks.slack.com/services/«xwlBbazGdzgu8I18Wnb4lueWLgLuBE98oFAXT4l0reRy»"],
            counterexamples: ["https://hooks.slack.com/services/", "see hooks.slack.com/services/short"]),
        Detector.assigned(
            id: "slack-signing-secret",
            description: "Slack app signing secret next to its name",
            names: #"slack[A-Za-z0-9_.-]{0,24}?signing[_-]?secret"#, keywords: ["slack"], value: #"[0-9a-f]{32}"#,
            examples: ["SLACK_SIGNING_SECRET=«98eff42826271738dc6f6d83cfe95bd3»"],
            counterexamples: ["SLACK_SIGNING_SECRET="]),
        Detector(
            id: "discord-bot-token",
            description: "Discord bot token (base64 user id . timestamp . HMAC)",
            pattern: #"(?<![A-Za-z0-9_-])[MNO][DTjz][AEIMQUYcgk][A-Za-z0-9]{20,24}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])"#,
            prefilter: Prefilter(keywords: BuiltinDetectors.discordIDPrefixes),
            examples: ["DISCORD_TOKEN=«MTE7ashC9uyvR4QPUVN7F1yK.kT2Y72.LNL_zvMs20BfvKNVqVgMgQ73-0IKMOTbZnYrcF»", "Authorization: Bot «ODktINBRXzmao01OIyiAcQhL.HPpuFF.rO6dgp8vOJRXaLao7tXpqmKC1CT»"],
            counterexamples: ["MTE0NjQ0.abc.def"]),
        Detector(
            id: "discord-webhook",
            description: "Discord webhook URL",
            pattern: #"discord(?:app)?\.com/api/webhooks/\d{17,20}/([A-Za-z0-9_-]{60,70})"#, group: 1,
            prefilter: Prefilter(keywords: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"]),
            examples: ["https://discord.com/api/webhooks/4969992800936870706/«EvITNolW6s0-x1F-y31DHCRzLU6BaVobIavd2i58aNo-D7gRE1fsiKmFt-7wyP34wybX»"],
            counterexamples: ["https://discord.com/api/webhooks/123"]),
        Detector(
            id: "telegram-bot-token",
            description: "Telegram Bot API token (bot id:AA…)",
            pattern: #"(?<![0-9])\d{8,10}:(AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])"#, group: 1,
            prefilter: Prefilter(keywords: [":AA"], lead: 10),
            examples: ["TELEGRAM_BOT_TOKEN=4857059596:«AA64Ob8zy4KAtJ4vlvCuVzbOHncciB67q87»", "POST https://api.telegram.org/bot884909958:«AAsUo8TZeZ03Bv99PDc9wBdSe1Rxh5S-s03»/sendMessage"],
            counterexamples: ["MAC 00:AA:BB:CC:DD:EE"]),
        Detector(
            id: "telegram-notify-url",
            description: "Telegram bot token in a notification URL (Apprise's tgram://BOT_ID:TOKEN/CHAT_ID)",
            // The scheme says it is a bot token, so its secret part need not start with AA.
            pattern: #"tgram://\d{6,12}:([A-Za-z0-9_-]{30,46})(?![A-Za-z0-9_-])"#, group: 1,
            prefilter: Prefilter(keywords: ["tgram://"]),
            examples: ["NOTIFY_URLS=tgram://895190814:«QWfANLCGVsEbRTYE_eo2KUeZbUx3nyTuFNX»/-100123456789"],
            counterexamples: ["tgram://895190814/-100123456789", "see tgram:// in the Apprise docs"]),
        Detector(
            id: "microsoft-teams-webhook",
            description: "Microsoft Teams incoming webhook URL",
            // Ids are UUIDs and a 32-digit hex hash; any letters and digits in that layout are
            // taken, so a re-cased or hand-edited URL is still masked.
            pattern: #"(?:\.webhook\.office\.com/webhookb2/|outlook\.office(?:365)?\.com/webhook/)([A-Za-z0-9-]{36}@[A-Za-z0-9-]{36}/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9-]{36}(?:/[A-Za-z0-9_-]{20,80})?)"#,
            group: 1,
            prefilter: Prefilter(keywords: [".webhook.office.com/webhookb2/", "outlook.office.com/webhook/", "outlook.office365.com/webhook/"]),
            examples: ["https://acme.webhook.office.com/webhookb2/«2ef868a6-88e9-605a-2843-850c8e13017e@ed4b7adb-96d3-56d6-ed7c-5bd8b9759a10/IncomingWebhook/3c6dd16eb31594dad6113c7b954962b0/9740328c-1aaf-28c4-2142-c5907d08166d»",
                       "curl -d @msg.json https://outlook.office.com/webhook/«2a8b0663-3b28-458e-030b-99012e4c792c@16e35d62-6dda-f722-f10c-069f1d95a4b0/IncomingWebhook/775deb82404fe223f77991b421b1f957/815d30d2-0558-c7a6-a088-c681b4e70c53»"],
            counterexamples: ["https://acme.webhook.office.com/webhookb2/", "https://outlook.office.com/webhook/"]),
        Detector(
            id: "google-chat-webhook",
            description: "Google Chat incoming webhook token",
            pattern: #"chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_-]{6,20}/messages\?key=[A-Za-z0-9_-]{20,60}&token=([A-Za-z0-9_%=-]{20,100})"#,
            group: 1,
            prefilter: Prefilter(keywords: ["chat.googleapis.com/v1/spaces/"]),
            examples: ["https://chat.googleapis.com/v1/spaces/AAAA6IQzR6H/messages?key=AIzabev89RNS0xoontn2DCo2TVlmf1C9kKrvjgZ&token=«cGrddNj6ewDJM6Eevt-qyj3KypCx4mksHOfzGK3z5CN%3D»"],
            counterexamples: ["https://chat.googleapis.com/v1/spaces/AAAA/messages"]),
        Detector.prefixed(
            id: "sendgrid-api-key",
            description: "SendGrid API key (SG.…)",
            // 22 and 43 characters in SendGrid's keys; a little either way for hand-made ones.
            prefixes: ["SG."], body: #"[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64}"#,
            examples: ["SENDGRID_API_KEY=«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»",
                       "apikey «SG.ZV-VYwtHzJJW4wF8yPQk3.ZXg2c1DZuOgUcW1f2inP6SqfEsYG82zAe0wG7brZZ5OvruV-I»"],
            counterexamples: ["SG.short", "SG.module.function_name"]),
        Detector.prefixed(
            id: "mailgun-api-key",
            description: "Mailgun API key (key-…, hex or, in older keys, any lower-case letters and digits)",
            prefixes: ["key-"], body: #"[0-9a-z]{32}"#, tail: "A-Za-z0-9",
            // Random, not words: `key-valuestoreconfigurationforapp` stays.
            validator: { value in RandomToken.looksRandom(value.dropFirst(4)) },
            examples: ["curl -s --user 'api:«key-24075cbc3f7f0871d3e0904174e09b17»' https://api.mailgun.net/v3/d/messages",
                       "mailgun: «key-3b9x0c2k7d1m4q8r6t5w9z2a1e4f7h0j»"],
            counterexamples: ["key-value store", "key-1234", "key-valuestoreconfigurationforapp123"]),
        Detector(
            id: "mailchimp-api-key",
            description: "Mailchimp API key (32 hex, -us and the data centre's number)",
            // Its mark (`-us`) comes after the 32 hex digits: those are masked too.
            pattern: #"(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])"#,
            prefilter: Prefilter(keywords: ["-us"], lead: 32, leadBytes: "0-9a-f"),
            examples: ["MAILCHIMP_API_KEY=«40317ed3753115b2d89044872e5141de-us21»", "client.setConfig({ apiKey: '«9c07d5ea3b18f246ae0f1b3c6d2e8a45-us7»' })"],
            counterexamples: ["MAILCHIMP_API_KEY=en-us", "MAILCHIMP_API_KEY=ce1b898784e93857717d580ec9a619d-us21"]),
        Detector.prefixed(
            id: "brevo-api-key",
            description: "Brevo (Sendinblue) API and SMTP keys (xkeysib-…, xsmtpsib-…)",
            prefixes: ["xkeysib-", "xsmtpsib-"], body: #"[0-9a-f]{64}-[A-Za-z0-9]{16}"#,
            examples: ["api-key: «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»"],
            counterexamples: ["xkeysib-short"]),
        Detector(
            id: "postmark-token",
            description: "Postmark server or account token in its header",
            pattern: #"(?i:X-Postmark-(?:Server|Account)-Token)["']?\s*+:\s*+["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"#,
            group: 1,
            prefilter: Prefilter(keywords: ["x-postmark-"], caseless: true),
            examples: ["-H \"X-Postmark-Server-Token: «fc25a1ac-9c8d-79f2-d577-5dcb7810024a»\""],
            counterexamples: ["X-Postmark-Server-Token: server token"]),
        Detector(
            id: "twilio-api-key",
            description: "Twilio API key SID (SK…; identifies a key, whose secret is shown once)",
            pattern: #"(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])"#,
            prefilter: Prefilter(keywords: "0123456789abcdef".map { "SK\($0)" }),
            examples: ["TWILIO_API_KEY=«SK1be5b023a0d6a936bd092b5e84923d6a»"],
            counterexamples: ["SKU12345", "SK1234"]),
        Detector.assigned(
            id: "twilio-auth-token",
            description: "Twilio auth token next to its name",
            names: #"twilio[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["twilio"], value: #"[0-9a-f]{32}"#,
            examples: ["TWILIO_AUTH_TOKEN=«c7e550677f620db7813f75d5a94425b8»"],
            counterexamples: ["TWILIO_AUTH_TOKEN=changeme"]),
        Detector.assigned(
            id: "vonage-api-secret",
            description: "Vonage (Nexmo) API secret next to its name",
            names: #"(?:vonage|nexmo)[A-Za-z0-9_.-]{0,24}?secret"#, keywords: ["vonage", "nexmo"],
            value: #"[A-Za-z0-9]{16}"#,
            examples: ["VONAGE_API_SECRET=«yHE2NHqaIqVJtMyU»"],
            counterexamples: ["VONAGE_API_SECRET=x"]),
        Detector.assigned(
            id: "mailjet-secret-key",
            description: "Mailjet API secret key next to its name",
            names: #"(?:mailjet|mj)[_-]?(?:apikey[_-]?|api[_-]?)?(?:private|secret)(?:[_-]?key)?"#,
            keywords: ["iljet", "mj_", "mj-"], lead: 2, value: #"[0-9a-f]{32}"#,
            examples: ["MJ_APIKEY_PRIVATE=«ea9603f24cb6d0c335ee2df889709e71»"],
            counterexamples: ["MJ_APIKEY_PRIVATE="]),
        Detector.prefixed(
            id: "matrix-access-token",
            description: "Matrix (Synapse) access token (syt_…)",
            prefixes: ["syt_"], body: #"[A-Za-z0-9_-]{1,64}_[A-Za-z0-9]{20}_[A-Za-z0-9]{6}"#,
            examples: ["Authorization: Bearer «syt_3ewdEsIy_aYvC2o3A2Pv3g7TweUEF_ww3se1»"],
            counterexamples: ["syt_short"]),
        Detector.prefixed(
            id: "resend-api-key",
            description: "Resend API key (re_…)",
            confidence: .medium,
            prefixes: ["re_"], body: #"[A-Za-z0-9]{8}_[A-Za-z0-9]{24}"#,
            examples: ["RESEND_API_KEY=«re_qpipjuJm_lIvqdvVPI91prqIDqEabggjp»"],
            counterexamples: ["re_match(pattern, text)"]),
    ]

    /// The first three characters of a Discord bot token: base64 of a snowflake id's first
    /// two digits (1–9 then 0–9).
    static let discordIDPrefixes: [String] = {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var prefixes: [String] = []
        for first in UInt8(ascii: "1")...UInt8(ascii: "9") {
            for second in UInt8(ascii: "0")...UInt8(ascii: "9") {
                let bits = UInt32(first) << 16 | UInt32(second) << 8 | UInt32(UInt8(ascii: "0"))
                prefixes.append(String([table[Int(bits >> 18 & 63)], table[Int(bits >> 12 & 63)], table[Int(bits >> 6 & 63)]]))
            }
        }
        return prefixes
    }()
}
