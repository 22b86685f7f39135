/// The built-in detector catalogue, one file per family. Adding a detector is one entry in
/// its family's list; its examples and counterexamples are run by the engine tests.
///
/// Order matters where two detectors mask the same bytes: the earlier one names the span,
/// so vendor formats come before the generic shapes (JWT, headers, URLs, key names).
public enum BuiltinDetectors {
    public static let all: [Detector] = {
        let families: [(Detector.Family, [Detector])] = [
            (.cloud, cloud), (.sourceHosts, sourceHosts), (.registries, registries), (.messaging, messaging),
            (.payments, payments), (.ai, ai), (.databases, databases), (.infrastructure, infrastructure),
            (.saas, saas), (.privateKeys, privateKeys), (.web, web), (.fields, fields), (.personalData, personalData),
        ]
        let catalogue = families.flatMap { family, detectors in detectors.map { $0.inFamily(family) } }
        return catalogue + [truncated(prefixes: catalogue.flatMap(\.tokenPrefixes) + tokenPrefixesOfCustomPatterns).inFamily(.web)]
    }()

    /// The literal beginnings of the catalogue's provider tokens (`ghp_`, `xoxb-`, `sk_live_`).
    static let catalogueTokenPrefixes: [String] = Array(Set(all.flatMap(\.tokenPrefixes) + tokenPrefixesOfCustomPatterns))
    /// The same as bytes, for validators that compare them with a value per match.
    static let catalogueTokenPrefixBytes: [[UInt8]] = catalogueTokenPrefixes.map { Array($0.utf8) }

    /// Prefixes of the tokens whose detectors are written as whole patterns, not `prefixed`.
    static let tokenPrefixesOfCustomPatterns = [
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxs-",
        "sk-proj-", "sk-ant-", "sk_live_", "rk_live_", "sk_test_", "AKIA", "ASIA",
    ]

    /// A token the printing program cut short (`rich` locals, `repr`, a narrow column):
    /// a catalogue prefix with enough body to be distinctive, or a URL password, before an
    /// ellipsis. The ellipsis stays, so the reader still sees the value was cut.
    static func truncated(prefixes: [String]) -> Detector {
        // Longest first, ties by bytes: the same pattern in every process, so its compiled
        // code is found in the cache (a Set's order changes from one process to the next).
        let sorted = Array(Set(prefixes)).sorted { ($0.utf8.count, $1) > ($1.utf8.count, $0) }
        let ellipsis = #"(?=…|\.\.\.)"#
        return Detector(
            id: "truncated-secret",
            description: "A provider token or URL password cut short and followed by an ellipsis (ghp_aB3dE5…, ://app:Pg5ec…)",
            // An ellipsis close ahead is looked for first: most keyword hits have none.
            pattern: "(?|(?<![A-Za-z0-9])(?C1)(?=[A-Za-z0-9_+/=.-]{8,300}?(?:…|\\.\\.\\.))((?:" + sorted.map(Detector.escape).joined(separator: "|") + #")[A-Za-z0-9_+/=.-]{8,}?)"# + ellipsis
                + #"|(?<=[A-Za-z0-9])://[^\s:@/?#]{1,128}:(?C1)([^\s@/?#]{4,256}?)"# + ellipsis + ")",
            group: 1,
            prefilter: Prefilter(keywords: sorted + ["://"]),
            // `tcp://localhost:2375...`: a port, not a password.
            validator: { value in !value.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } },
            marksValueStart: true,
            examples: ["│ token = '«ghp_aB3dE5fG7hJ9kL1mN3pQ5r»…'", "dsn = 'postgresql://app:«Pg5ecretP»…", "key: «sk_live_51Hx9aB3dE5fG»..."],
            counterexamples: ["ghp_… is how GitHub tokens start", "https://example.com/docs...", "loading sk_live...",
                              "Connecting to na1.salesforce.com...", "running test_connection_pool_reuse...",
                              "docker run -H=tcp://localhost:2375..."])
    }

    /// The detectors `builtin: default` turns on.
    public static var defaults: [Detector] { all.filter { $0.confidence == .high } }

    public static func detector(id: String) -> Detector? { all.first { $0.id == id } }

    /// Example values from vendors' documentation and famous test fixtures. They look like
    /// secrets but are published on purpose; the policy compiler adds them to the allow list
    /// so tutorials and test suites stay readable.
    public static let knownExamples: [String] = [
        // AWS documentation
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
        // Azurite / Azure Storage emulator account key (devstoreaccount1)
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        // GitHub documentation
        "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
        // Slack documentation
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        // Stripe documentation test keys
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        // Paddle documentation
        "pdl_live_apikey_01gtgztp8f4kek3yd4g1wrksa3_q6TGTJyvoIz7LDtXT65bX7_AQO",
        // Card network and payment processor test card numbers
        "4242424242424242", "5555555555554444", "378282246310005", "6011111111111117",
        "4000056655665556",
        // Published example IBANs (ECBS, Wikipedia)
        "DE89370400440532013000", "GB82WEST12345698765432", "GB29NWBK60161331926819",
        // SSNs the SSA lists as invalid or voided (advertising, Woolworth wallet card)
        "123-45-6789", "078-05-1120",
    ]
}
