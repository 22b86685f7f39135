/// Package registries: npm, PyPI, RubyGems, NuGet, Docker Hub and registry logins,
/// crates.io, Clojars, Anaconda.
extension BuiltinDetectors {
    static let registries: [Detector] = [
        Detector.prefixed(
            id: "npm-token",
            description: "npm access token (npm_…)",
            prefixes: ["npm_"], body: #"[A-Za-z0-9]{36}"#, tail: "A-Za-z0-9",
            examples: ["NPM_TOKEN=«npm_sN6siQetJKEP5eofyusOxah6jql9D9GFGvFR»"],
            counterexamples: ["npm_config_cache=/tmp/npm"]),
        Detector(
            id: "npmrc-auth",
            description: "Registry credentials in .npmrc (_authToken=, _auth=, _password=)",
            pattern: #"(?<![A-Za-z0-9])_(?i:authToken|auth|password)[ \t]*+=[ \t]*+["']?([^\s"']{8,512})"#, group: 1,
            prefilter: Prefilter(keywords: ["_authtoken", "_auth", "_password"], caseless: true),
            validator: Validators.notPlaceholder,
            examples: ["//registry.npmjs.org/:_authToken=«P8UauSEIYA_t2MScuxWKMk4OvDRifBz3eoTM»",
                       "//npm.pkg.example.com/:_auth=«rdDS1jJOnUcYtRei8uIk6EZAPlI1g9MS»"],
            counterexamples: ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "_auth=short"]),
        Detector.prefixed(
            id: "pypi-token",
            description: "PyPI and TestPyPI API token (pypi-AgEIcHlwaS5vcmc…)",
            prefixes: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"], body: #"[A-Za-z0-9_-]{50,1000}"#,
            examples: ["password = «pypi-AgEIcHlwaS5vcmcoc9n97BGFoPE8oTCJI6VYjcpQWolNCfWXw_zN09iiFO6t8kgNJUogcsIBMi0FxqpAjPu-fsbr1-UvYQHJqhY5UzwEZrhLBf5dTSDfhk2PR1qxddF0f0sM73Cw5vlutYjD9DHSA0OXbGdJe1bf7EF43Op2Xa6EkL1»"],
            counterexamples: ["pypi-AgEIcHlwaS5vcmc"]),
        Detector.prefixed(
            id: "rubygems-api-key",
            description: "RubyGems.org API key (rubygems_…)",
            prefixes: ["rubygems_"], body: #"[0-9a-z]{48}"#, tail: "A-Za-z0-9",
            examples: [":rubygems_api_key: «rubygems_001baa0ddde0a79b0f6c10291caf97dc11bc700cf1ed046f»"],
            counterexamples: ["rubygems_api_key"]),
        Detector.prefixed(
            id: "nuget-api-key",
            description: "NuGet.org API key (oy2…)",
            prefixes: ["oy2"], body: #"[a-z0-9]{43}"#, tail: "A-Za-z0-9",
            examples: ["dotnet nuget push pkg.nupkg --api-key «oy27b6mtg14f267mv1zsf7hp1wvtb8h31aekn4tbgdi6wu»"],
            counterexamples: ["oy2short"]),
        Detector(
            id: "nuget-config-password",
            description: "Clear-text password in NuGet.config (ClearTextPassword)",
            pattern: #"(?i:key="ClearTextPassword")\s++value="([^"\r\n]{1,256})""#, group: 1,
            prefilter: Prefilter(keywords: [#"key="cleartextpassword""#], caseless: true),
            examples: [#"<add key="ClearTextPassword" value="«EGbWUyfAkhkTpAzA»" />"#],
            counterexamples: [#"<add key="Username" value="bob" />"#]),
        Detector(
            id: "maven-master-password",
            description: "Maven's encrypted master password in settings-security.xml (the master element's {…})",
            // The cipher text decrypts with a key every Maven install shares: it is the password.
            pattern: #"<master>(\{[A-Za-z0-9+/]{22,400}={0,2}\\?\})</master>"#, group: 1,
            prefilter: Prefilter(keywords: ["<master>"]),
            examples: [#"<settingsSecurity><master>«{q7Vd9Lk2Wm4Xn8Zr1Bt6Hc3Jp5Fs0Gy7Ue4Oi2Aa9Qw=}»</master></settingsSecurity>"#],
            counterexamples: ["<master>{}</master>", "<master>true</master>"]),
        Detector.prefixed(
            id: "docker-hub-token",
            description: "Docker Hub personal or organisation access token (dckr_pat_…, dckr_oat_…)",
            prefixes: ["dckr_pat_", "dckr_oat_"], body: #"[A-Za-z0-9_-]{27,40}"#,
            examples: ["echo «dckr_pat__61h8Av7yrUChxd1T9mbLBY3koG» | docker login -u bob --password-stdin"],
            counterexamples: ["dckr_pat_short"]),
        Detector(
            id: "docker-config-auth",
            description: "Registry credentials in a Docker config.json (\"auth\": base64 of user:password)",
            // Also escaped inside a string, once or twice (`DOCKER_AUTH_CONFIG={\\\"auths\\\":…}`).
            pattern: #""auth\\*+"\s*+:\s*+\\*+"([A-Za-z0-9+/]{4,1024}+={0,2})\\*+""#, group: 1,
            prefilter: Prefilter(keywords: [#""auth""#, #""auth\"#]),
            validator: Validators.basicCredentials,
            examples: [#"{"auths": {"ghcr.io": {"auth": "«ZGVwbG95OlE3dmhYMnBMbTlSdFk0d1o=»"}}}"#],
            counterexamples: [#""auth": "none""#]),
        Detector.prefixed(
            id: "crates-io-token",
            description: "crates.io API token (cio…)",
            prefixes: ["cio"], body: #"[A-Za-z0-9]{32}"#, tail: "A-Za-z0-9",
            examples: ["CARGO_REGISTRY_TOKEN=«cioP458UAkPNWGhV6yfjYqB0tDhmlHtEji2»"],
            counterexamples: ["ciocolata"]),
        Detector.prefixed(
            id: "clojars-token",
            description: "Clojars deploy token (CLOJARS_…)",
            prefixes: ["CLOJARS_"], body: #"[a-z0-9]{60}"#, tail: "A-Za-z0-9", keptPrefix: 2,
            examples: ["CLOJARS_PASSWORD=CLOJARS_«fl5dvvmwszoea2lq7t05tcxp1umy81iduch098dmozwsgfsf6wcbfvd1es27»"],
            counterexamples: ["CLOJARS_USERNAME=bob"]),
        Detector(
            id: "anaconda-token",
            description: "Anaconda.org token in a channel URL (conda.anaconda.org/t/…)",
            pattern: #"conda\.anaconda\.org/t/([A-Za-z0-9-]{10,64})/"#, group: 1,
            prefilter: Prefilter(keywords: [".anaconda.org/t/"], lead: 5),
            examples: ["channels: https://conda.anaconda.org/t/«ox9qgb6h-z9lm-s9ws6tiqsgy7»/acme"],
            counterexamples: ["https://conda.anaconda.org/conda-forge"]),
        Detector(
            id: "sidekiq-credentials",
            description: "Sidekiq Pro/Enterprise gem server credentials (BUNDLE_ENTERPRISE__CONTRIBSYS__COM=user:pass)",
            pattern: #"(?i:contribsys)[A-Za-z0-9_.]{0,20}["']?[ \t]*+[=:][ \t]*+["']?[0-9a-f]{8}:([0-9a-f]{8})(?![A-Za-z0-9])"#, group: 1,
            prefilter: Prefilter(keywords: ["contribsys"], caseless: true),
            examples: ["export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=575dcad6:«ba2b0aee»"],
            counterexamples: ["source 'https://enterprise.contribsys.com/'"]),
    ]
}
