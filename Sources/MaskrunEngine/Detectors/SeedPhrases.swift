/// A wallet's seed phrase (BIP-39 mnemonic: 12, 15, 18, 21 or 24 lower-case words) after a
/// label that names it (`mnemonic:`, `seed phrase:`, `"recovery_phrase": "…"`). The words are
/// ordinary words, so only the label and the count say it is a key; prose of that many words
/// has shorter ones among them (`a`, `to`, `of`) and stays.
extension BuiltinDetectors {
    static let seedPhrase = Detector(
        id: "seed-phrase",
        description: "A wallet seed phrase (12 to 24 words) after mnemonic:, seed phrase:, recovery phrase:",
        pattern: #"(?<![A-Za-z0-9])(?i:mnemonic(?:[ _-]?(?:phrase|words))?|(?:secret[ _-]?)?recovery[ _-]?phrase|seed[ _-]?(?:phrase|words)|backup[ _-]?phrase)"#
            + #"["']?[ \t]*+[:=][ \t]*+["']?"# + Detector.valueStartMark + #"([a-z]{3,8}+(?:[ \t]++[a-z]{3,8}+){11,23}+)(?=["']?[ \t]*+[,;}\]]?[ \t]*+(?:\r?\n|$))"#,
        group: 1,
        prefilter: Prefilter(keywords: ["mnemonic", "recovery phrase", "recovery_phrase", "recovery-phrase", "recoveryphrase",
                                        "seed phrase", "seed_phrase", "seed-phrase", "seedphrase", "seed words", "seed_words",
                                        "backup phrase", "backup_phrase"], caseless: true),
        validator: { value in
            let words = value.split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            return [12, 15, 18, 21, 24].contains(words)
        },
        marksValueStart: true,
        examples: [
            "mnemonic: «canyon velvet orbit timber hazard pledge walnut ribbon sample glide fossil anchor»\n",
            "Your seed phrase: «marble rocket shadow tunnel eager lyric dune crisp noble patrol venture spice»\n",
            #"{"recovery_phrase": "«oyster bamboo lunar wisdom garlic frozen pepper vessel cactus denim ripple throne»"}"#,
        ],
        counterexamples: [
            "mnemonic: a short phrase that helps you remember the order of the planets\n",
            "seed phrase: <your twelve words here>\n", "mnemonic: canyon velvet orbit timber hazard pledge walnut ribbon sample glide fossil\n",
            "Write down your recovery phrase: it is shown once.\n",
        ])
}
