/// A `user:password` pair handed over in a sentence: "log in with credentials deploy:v",
/// "use the credentials admin:v for staging", "creds are ci:v". The pair is one word right
/// after the word; the password must hold a letter and a digit or look generated, so
/// "credentials type:basic" and "credentials file: ~/.aws" stay.
extension BuiltinDetectors {
    static let credentialPairInProse = Detector(
        id: "credential-pair-in-prose",
        description: "A user:password pair stated after the word credentials or creds in a sentence",
        pattern: #"(?<![A-Za-z0-9_.-])(?i:credentials?|creds)(?:[ \t]++(?i:are|is|were|of|for|to))?(?:[ \t]*+:)?[ \t]++["'`]?[A-Za-z0-9_.@+-]{1,64}+:"#
            + Detector.valueStartMark + #"([^\s"'`:]{1,128}?)(?=["'`]?[.,;!?)]?(?:\s|$))"#,
        group: 1,
        prefilter: Prefilter(keywords: ["credential", "creds"], caseless: true),
        validator: { value in
            guard !ValueShape.isStandIn(value), !ValueShape.plainWords.contains(String(decoding: value, as: UTF8.self).lowercased()) else { return false }
            let hasLetter = value.contains(where: Validators.isLetter), hasDigit = value.contains(where: ValueShape.isDigit)
            return (hasLetter && hasDigit && ValueShape.password.accepts(value)) || RandomToken.looksRandom(value)
        },
        marksValueStart: true,
        examples: [
            "Log in with credentials deploy:«Wy8qT3kZ5rMx» to continue.", "Use the credentials admin:«Gp4vL7nR2tXs» for the staging dashboard.",
            "creds are ci-bot:«Hq3-Vz8Lw5»",
        ],
        counterexamples: [
            "credentials type:basic", "credentials file: ~/.aws/credentials", "use credentials user:password",
            "credentials for arn:aws:iam::123456789012:role/ci", "stored credentials in vault:secret/ci",
        ])
}
