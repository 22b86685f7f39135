/// Lines of PostgreSQL's password file, `~/.pgpass` (`hostname:port:database:username:password`,
/// `*` for any field, `\:` for a colon inside one), as `cat ~/.pgpass` or a config dump shows
/// them. The port field is the anchor: PostgreSQL's (543x), PgBouncer's (6432) or `*`.
extension BuiltinDetectors {
    static let pgpassLine = Detector(
        id: "pgpass-line",
        description: "The password field of a ~/.pgpass line (host:port:database:user:password)",
        pattern: #"^\#(PasswordFile.field){1,120}+:(?:[0-9]{1,5}+|\*):\#(PasswordFile.field){1,63}+:\#(PasswordFile.field){1,63}+:"#
            + Detector.valueStartMark + #"(\#(PasswordFile.field){1,256}+)[ \t]*+(?=\r?\n|$)"#,
        group: 1,
        prefilter: Prefilter(keywords: [":543", ":643", ":*:"], lead: 128),
        validator: { value in ValueShape.password.accepts(value) && !ValueShape.isStandIn(value) && !value.allSatisfy(ValueShape.isDigit) },
        // Only the last field is secret: what comes before it (a prompt's `password:` that
        // might be a host name) is written at once.
        marksValueStart: true,
        examples: [
            "db.internal.example:5432:orders:app_rw:«Vq7mT2xKp9Lz»\n", "*:*:*:postgres:«Hr5nW8cQ2jYb»\n",
            "localhost:6432:*:replicator:«s3cr3t\\:Repl1cate»\n", "10.0.4.12:5433:billing:report:«Qz4-Lm8Wt2»\r\n",
        ],
        counterexamples: [
            "root:x:0:0:root:/root:/bin/bash\n", "docker:x:999:alice\n", "db.internal.example:5432:orders:app_rw:*\n",
            "fe80:0:0:0:1\n", "localhost:5432:*:postgres:password\n", "listening on 0.0.0.0:5432:  ready to accept connections\n",
        ])
}

enum PasswordFile {
    /// A byte of a field: not blank, not a colon unless escaped.
    static let field = #"(?:[^\s:\\]|\\[:\\])"#
}
