/// Payments and commerce: Stripe, Square, Braintree, PayPal, Shopify, Plaid, Flutterwave,
/// Paddle, Razorpay, GoCardless, Mercado Pago, Pagar.me, Ramp, Fleetbase.
extension BuiltinDetectors {
    static let payments: [Detector] = [
        Detector.prefixed(
            id: "stripe-secret-key",
            description: "Stripe secret key, live or test (sk_live_…, sk_test_…, sk_prod_…)",
            prefixes: ["sk_live_", "sk_test_", "sk_prod_"], body: #"[A-Za-z0-9]{12,247}"#, tail: "A-Za-z0-9",
            examples: ["STRIPE_SECRET_KEY=«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»", "stripe.api_key = '«sk_test_4J9Gg4X1iR8s5i6pzyE58Rvu»'",
                       // Older keys are shorter.
                       "«sk_live_Qm4Tz8Wk2Lr6Vb»"],
            counterexamples: ["sk_live_short", "pk_live_n3BbKGJsGpMht8R5KXExw50k"]),
        Detector.prefixed(
            id: "stripe-restricted-key",
            description: "Stripe restricted key (rk_live_…, rk_test_…, rk_prod_…)",
            prefixes: ["rk_live_", "rk_test_", "rk_prod_"], body: #"[A-Za-z0-9]{24,247}"#, tail: "A-Za-z0-9",
            examples: ["-u «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»:"],
            counterexamples: ["rk_live_short"]),
        Detector.prefixed(
            id: "stripe-webhook-secret",
            description: "Stripe webhook signing secret (whsec_…)",
            prefixes: ["whsec_"], body: #"[A-Za-z0-9+/]{32,88}={0,2}"#, tail: "A-Za-z0-9+/=",
            examples: ["STRIPE_WEBHOOK_SECRET=«whsec_jQMibWL5tbbt0tCXz75MV2e0vOZR0Gx8»"],
            counterexamples: ["whsec_short"]),
        Detector(
            id: "square-access-token",
            description: "Square access token (EAAA…, sq0atp-…)",
            // 60 characters after EAAA in Square's tokens; sandbox and older ones are shorter.
            pattern: #"(?<![A-Za-z0-9])(?:EAAA[A-Za-z0-9_-]{22,60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])"#,
            prefilter: Prefilter(keywords: ["EAAA", "sq0atp-"]),
            validator: Validators.notFiller(afterAnyOf: ["EAAA", "sq0atp-"]),
            examples: ["SQUARE_ACCESS_TOKEN=«EAAA1HMXMCXV2TUvdfSRlogqgeYFrIv80UGeQ_3YuxBbKDNvg9xJpebNQwvHPSyr»", "«sq0atp-phZHeejBLTrkenLXdkKZrJ»",
                       "Authorization: Bearer «EAAA0_uNONZjN7iUjrnY7p4bW8ELo6bAtLWMRYlGyzWo»"],
            counterexamples: ["EAAAshort", "EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]),
        Detector.prefixed(
            id: "square-oauth-secret",
            description: "Square OAuth application secret (sq0csp-…)",
            prefixes: ["sq0csp-"], body: #"[A-Za-z0-9_-]{43}"#,
            examples: ["SQUARE_APP_SECRET=«sq0csp-X1e89-zXS52h8SflvHaDXJEIJLzTVn_aux1hhPxjJae»"],
            counterexamples: ["sq0csp-short"]),
        Detector.prefixed(
            id: "braintree-access-token",
            description: "Braintree (PayPal) access token (access_token$production$…)",
            prefixes: ["access_token$production$", "access_token$sandbox$"], body: #"[a-z0-9]{16}\$[a-f0-9]{32}"#,
            examples: ["BRAINTREE_ACCESS_TOKEN=«access_token$production$h68ebuwlhghh41np$e4cc5b38954f49fd07e98a4fb044a6ac»"],
            counterexamples: ["access_token$production$"]),
        Detector.assigned(
            id: "paypal-client-secret",
            description: "PayPal REST API client secret next to its name",
            names: #"paypal[A-Za-z0-9_.-]{0,24}?secret"#, keywords: ["ypal"], lead: 2, value: #"[A-Za-z0-9_-]{60,90}"#,
            examples: ["PAYPAL_CLIENT_SECRET=«Erzm91pRzl1GGJeTr9M8naISiqunYT9xNpuhxfrREXjE5cRSM8C_Vuft1VLGmjr5i5rMYsay7GmLCPCv»"],
            counterexamples: ["PAYPAL_CLIENT_SECRET=sandbox"]),
        Detector.prefixed(
            id: "shopify-access-token",
            description: "Shopify Admin API, custom app and private app access tokens (shpat_, shpca_, shppa_)",
            // 32 hex digits; any 32 to 64 letters and digits, as the prefix alone is distinctive.
            prefixes: ["shpat_", "shpca_", "shppa_"], body: #"[a-zA-Z0-9]{32,64}+"#,
            examples: ["X-Shopify-Access-Token: «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»", "«shppa_Kq8Wz3Lx7Rb2Tm5VHn6Tq2Wz8Lx4Rv0Bk»"],
            counterexamples: ["shpat_short"]),
        Detector.prefixed(
            id: "shopify-shared-secret",
            description: "Shopify app shared secret (shpss_…)",
            prefixes: ["shpss_"], body: #"[a-zA-Z0-9]{32,64}+"#,
            examples: ["SHOPIFY_API_SECRET=«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»"],
            counterexamples: ["shpss_short"]),
        Detector.prefixed(
            id: "plaid-access-token",
            description: "Plaid access token (access-production-…, access-development-…, access-sandbox-…)",
            prefixes: ["access-production-", "access-development-", "access-sandbox-"],
            body: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#,
            examples: [#"{"access_token": "«access-production-e540d1c0-30ac-4c7f-156f-7d47ec15186b»"}"#],
            counterexamples: ["access-production-logs"]),
        Detector.assigned(
            id: "plaid-secret",
            description: "Plaid API secret next to its name",
            names: #"plaid[A-Za-z0-9_.-]{0,24}?secret"#, keywords: ["plaid"], value: #"[0-9a-f]{30}"#,
            examples: ["PLAID_SECRET=«a46bd8b1bad72ee68055d53bed5126»"],
            counterexamples: ["PLAID_SECRET="]),
        Detector.prefixed(
            id: "flutterwave-secret-key",
            description: "Flutterwave secret key (FLWSECK-…, FLWSECK_TEST-…)",
            // The encryption key is the same prefix and 12 hex digits.
            prefixes: ["FLWSECK-", "FLWSECK_TEST-", "FLWSECK_TEST"], body: #"(?:[a-fA-F0-9]{32}-X|[a-fA-F0-9]{12})"#, tail: "A-Za-z0-9",
            examples: ["FLW_SECRET_KEY=«FLWSECK-c95565bdd402061737e7eb12b8aa6340-X»", "FLW_ENCRYPTION_KEY=«FLWSECK_TESTfe2906d62e61»",
                       "encryption key «FLWSECK_TEST-9b2d41c7e06a»"],
            counterexamples: ["FLWSECK-short-X", "FLWSECK_TESTfe2906d62e61a"]),
        Detector.prefixed(
            id: "paddle-api-key",
            description: "Paddle Billing API key (pdl_live_apikey_…, pdl_sdbx_apikey_…)",
            prefixes: ["pdl_live_apikey_", "pdl_sdbx_apikey_"], body: #"[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}"#,
            examples: ["Authorization: Bearer «pdl_live_apikey_odl22fwcjwyhc8rxo7a0obzwoa_fOeieQYNJrAQBIaXkx7anC_SOL»"],
            counterexamples: ["pdl_live_apikey_..."]),
        Detector.assigned(
            id: "razorpay-key-secret",
            description: "Razorpay key secret next to its name",
            names: #"razorpay[A-Za-z0-9_.-]{0,24}?secret"#, keywords: ["razorpay"], value: #"[A-Za-z0-9]{24}"#,
            examples: ["RAZORPAY_KEY_SECRET=«grt1FvlEc7ADsv2f0UQWWNtB»"],
            counterexamples: ["RAZORPAY_KEY_SECRET=none"]),
        Detector.assigned(
            id: "gocardless-token",
            description: "GoCardless access token next to its name",
            names: #"gocardless[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["gocardless"],
            value: #"(?:live|sandbox)_[A-Za-z0-9_=-]{40}"#,
            examples: ["GOCARDLESS_ACCESS_TOKEN=«live_ZUBK6F15GkzXJdzfA3ErE8o5_1heD-7ZaaD7NlBs»"],
            counterexamples: ["GOCARDLESS_ACCESS_TOKEN=live_"]),
        Detector.prefixed(
            id: "pagarme-api-key",
            description: "Pagar.me secret API key (ak_live_…, ak_test_…)",
            prefixes: ["ak_live_", "ak_test_"], body: #"[A-Za-z0-9]{30}"#, tail: "A-Za-z0-9",
            examples: ["PAGARME_API_KEY=«ak_live_4dEtUhtPjX6l6dWDbLE6ZcugmlwnLp»"],
            counterexamples: ["ak_live_short", "ak_test_4dEtUhtPjX6l6dWDbLE6ZcugmlwnLpX"]),
        Detector.prefixed(
            id: "ramp-api-credential",
            description: "Ramp API client id or client secret (ramp_id_…, ramp_sec_…)",
            prefixes: ["ramp_id_", "ramp_sec_"], body: #"(?:[A-Za-z0-9]{48}|[A-Za-z0-9]{40})"#, tail: "A-Za-z0-9",
            examples: ["RAMP_CLIENT_SECRET=«ramp_sec_MTEMGoCl5rzl6W7tOJ80JE2qF4z69vQJX9fE3ozdn8iZZyHY»",
                       "RAMP_CLIENT_ID=«ramp_id_HXrYdQ7p5a3E5xCYpTAM3kAkXujq63ZHiOVNrHId»"],
            counterexamples: ["ramp_sec_short", "ramp_id_HXrYdQ7p5a3E5xCYpTAM3kAkXujq63ZHiOVNrHIdx"]),
        Detector.prefixed(
            id: "fleetbase-api-key",
            description: "Fleetbase live API key (flb_live_…)",
            prefixes: ["flb_live_"], body: #"[A-Za-z0-9]{20}"#, tail: "A-Za-z0-9",
            examples: ["FLEETBASE_KEY=«flb_live_jKXlan062j0ifwrNTHg4»"],
            counterexamples: ["flb_live_short"]),
        Detector.prefixed(
            id: "mercadopago-access-token",
            description: "Mercado Pago access token (APP_USR-…)",
            prefixes: ["APP_USR-"], body: #"\d{16}-\d{6}-[0-9a-f]{32}-\d{6,12}"#, keptPrefix: 3,
            examples: ["MP_ACCESS_TOKEN=APP_USR-«1874807450292835-958990-b62c83b32ed39bd57ff4ac79c35e0d5f-906931999»"],
            counterexamples: ["APP_USR-123"]),
    ]
}
