/// Passwords given on a command line, as `set -x`, CI logs and process listings show them:
/// one table of programs and the option that takes a password, so a new tool is one row.
extension BuiltinDetectors {
    /// The password argument of .NET and PowerShell credential constructors, which take it by
    /// position, not by name: `new NetworkCredential("user", "PW")`, `DirectoryEntry(path,
    /// user, "PW")`, `ConvertTo-SecureString "PW" -AsPlainText`.
    static let credentialArgument = Detector(
        id: "credential-argument",
        description: "Passwords passed by position to NetworkCredential, DirectoryEntry and ConvertTo-SecureString -AsPlainText",
        pattern: #"(?<![A-Za-z0-9])(?|(?:NetworkCredential[ \t]*+\([ \t\r\n]*+"[^"\r\n]{0,256}+"|DirectoryEntry[ \t]*+\([ \t\r\n]*+"[^"\r\n]{0,512}+"[ \t\r\n]*+,[ \t\r\n]*+"[^"\r\n]{0,256}+")"#
            + #"[ \t\r\n]*+,[ \t\r\n]*+"([^"\r\n]{1,256}+)""#
            + #"|ConvertTo-SecureString[ \t]++(?:-String[ \t]++)?(?|"([^"\r\n]{1,256}+)"|'([^'\r\n]{1,256}+)')[ \t]++-AsPlainText)"#,
        group: 1,
        prefilter: Prefilter(keywords: ["NetworkCredential", "DirectoryEntry", "ConvertTo-SecureString"]),
        validator: { value in ValueShape.password.accepts(value) },
        examples: [
            #"smtp.Credentials = new NetworkCredential("mailer@example.org", "«Zqumpm08hsE8JN»");"#,
            #"var root = new DirectoryEntry("LDAP://dc01.corp.example", "CORP\\svc", "«pjJOQGa2rb19»");"#,
            #"$pw = ConvertTo-SecureString "«FlY0mG1ylvuhf»" -AsPlainText -Force"#,
        ],
        counterexamples: [
            #"new NetworkCredential("user", password)"#, #"new NetworkCredential(user, "$env:PASS")"#,
            #"ConvertTo-SecureString $plain -AsPlainText -Force"#, #"new DirectoryEntry("LDAP://dc01")"#,
        ])

    /// A program (or subcommand) and the option after which its password stands.
    struct PasswordOption {
        /// The command names (and subcommand) that start the command line.
        let programs: [String]
        /// The option's regex, e.g. `-p` or `-(?:store|key)pass`.
        let option: String
        /// How the value follows the option: glued (`-pSECRET`), after white space or `=`,
        /// or after a literal such as `pass:` or `user%`.
        let joint: Joint

        enum Joint {
            case glued
            case spaced
            case after(String)
            /// The first argument that is not an option (`vault login TOKEN`).
            case positional
        }
    }

    static let passwordOptions: [PasswordOption] = [
        PasswordOption(programs: ["mysql", "mysqldump", "mysqladmin", "mysqlsh", "mysqlimport", "mariadb", "mariadb-dump"],
                       option: "-p", joint: .glued),
        PasswordOption(programs: ["7z", "7za", "7zz", "rar", "unrar"], option: "-p", joint: .glued),
        PasswordOption(programs: ["zip", "unzip", "sqlcmd", "bcp", "ipmitool"], option: "-P", joint: .spaced),
        // Options distinctive enough to stand without their program (empty option).
        PasswordOption(programs: ["-passout", "-passin", "-pass"], option: "", joint: .after("pass:")),
        PasswordOption(programs: ["-storepass", "-keypass", "-srcstorepass", "-deststorepass", "-srckeypass", "-destkeypass",
                                  "-keystorepass"], option: "", joint: .spaced),
        PasswordOption(programs: ["vault login", "bao login"], option: "", joint: .positional),
        PasswordOption(programs: ["ngrok config add-authtoken", "ngrok authtoken"], option: "", joint: .positional),
        PasswordOption(programs: ["ldapsearch", "ldapmodify", "ldapadd", "ldapdelete", "ldapwhoami", "ldappasswd",
                                  "ldapcompare", "ldapmodrdn", "ldapexop"], option: "-w", joint: .spaced),
        PasswordOption(programs: ["smbclient", "rpcclient", "smbmap", "smbcacls", "smbget"],
                       option: "(?:-U|--user(?:name)?)", joint: .after("[^\\s%'\"]{1,64}%")),
        PasswordOption(programs: ["redis-cli", "valkey-cli", "keydb-cli"], option: "(?:-a|--pass)", joint: .spaced),
        PasswordOption(programs: ["sshpass"], option: "-p", joint: .spaced),
        PasswordOption(programs: ["mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport"],
                       option: "-p", joint: .spaced),
        PasswordOption(programs: ["docker login", "podman login", "buildah login", "skopeo login", "helm registry login",
                                  "oras login", "nerdctl login", "crane auth login"],
                       option: "(?:-p|--password)", joint: .spaced),
        PasswordOption(programs: ["snmpwalk", "snmpget", "snmpset", "snmpbulkwalk"], option: "-[AX]", joint: .spaced),
        // curl -u user:pw, --user "user":'pw' (the user may be empty: `-u ":pw"`)
        PasswordOption(programs: ["curl"], option: "(?:-u|--user)", joint: .after(#"[^\s:'"<]{0,64}+['"]?:['"]?"#)),
        // htpasswd -b[c] FILE USER PW, -nb USER PW, other flags apart (`-b -c`): the last word.
        PasswordOption(programs: ["htpasswd"], option: "-[a-zA-Z]*b[a-zA-Z]*(?:[ \\t]++-[a-zA-Z]++)*(?:[ \\t]++[^\\s-][^\\s]*+){1,2}", joint: .spaced),
        // The second word after the command: `rabbitmqctl add_user USER PW`.
        PasswordOption(programs: ["rabbitmqctl add_user", "rabbitmqctl change_password"], option: "",
                       joint: .after(#"[^\s'"/-][^\s'"]{0,63}+[ \t]++(?![/-])"#)),
        PasswordOption(programs: ["psexec", "PsExec", "PSEXEC", "psExec", "psexec.exe", "PsExec.exe", "PSEXEC.EXE", "PsExec64.exe"],
                       option: "-p", joint: .spaced),
        PasswordOption(programs: ["Connect-VIServer"], option: "-(?i:password)", joint: .spaced),
    ]

    /// Redis's `AUTH [user] password`, typed at `redis-cli`'s prompt (`127.0.0.1:6379> AUTH v`)
    /// or given as its command (`redis-cli -h cache AUTH app v`). With two words the second is
    /// the password; a word alone is.
    static let redisAuth: String = {
        // The prompt's `host:port>` (`[2]` for a selected database) is looked behind at: a
        // match starts at its keyword, `> AUTH `.
        let prompt = #"(?<=[0-9]|[0-9]\])>"#
        let cli = #"(?<![A-Za-z0-9_.-])(?:redis|valkey|keydb)-cli(?:[ \t]++(?!(?i:auth)[ \t])[^\s|;&]++)*?"#
        let user = #"(?:[^\s'"]{1,64}+[ \t]++(?=[^\s]++[ \t]*+(?:\r?\n|$)))?"#
        return #"(?:\#(prompt)|\#(cli))[ \t]++(?i:auth)[ \t]++\#(user)\#(optionValue)"#
    }()

    /// The keywords of `AUTH` at redis-cli's prompt (`127.0.0.1:6379> AUTH v`).
    static let redisPromptAuth = ["> AUTH ", "> auth "]

    /// `'…'`, `"…"` (spaces kept whole) or a bare word.
    static let optionValue = #"(?|'([^'\r\n]{1,256})'|"([^"\r\n]{1,256})"|([^\s"'][^\s"']{0,255}))"#

    /// One alternative per row of `passwordOptions` (written when the pattern is first needed).
    static func passwordOptionAlternatives() -> [String] {
        passwordOptions.map { entry -> String in
            let programs = entry.programs.map { Detector.escape($0).replacingOccurrences(of: " ", with: "[ \\t]++") }.joined(separator: "|")
            if entry.option.isEmpty {
                switch entry.joint {
                case .after(let literal):
                    return #"(?:\#(programs))[ \t]++['"]?\#(literal)([^\s'"]{1,256})"#
                case .positional:
                    return #"(?:\#(programs))(?:[ \t]++-[^\s]++)*+[ \t]++(?!-)\#(optionValue)(?![^\s])"#
                default:
                    return #"(?:\#(programs))(?:[ \t]++|=)\#(optionValue)"#
                }
            }
            let value: String
            switch entry.joint {
            case .glued:
                // -pVALUE, '-pVALUE', "-pVALUE"
                value = #"(?|'\#(entry.option)([^'\r\n]{1,256})'|"\#(entry.option)([^"\r\n]{1,256})"|\#(entry.option)\#(optionValue))"#
            case .spaced:
                value = #"(?:\#(entry.option))(?:[ \t]++|=)\#(optionValue)"#
            case .positional:
                value = optionValue
            case .after(let literal):
                value = #"(?:\#(entry.option))(?:[ \t]++|=)?['"]?\#(literal)([^\s'"]{1,256})"#
            }
            return #"(?:\#(programs))(?![A-Za-z0-9_-])(?:[ \t]++(?!(?:\#(entry.option)))[^\s|;&]++)*?[ \t]++\#(value)"#
        }
    }

    static let commandLinePassword: Detector = {
        Detector(
            id: "command-line-password",
            description: "Passwords in command-line options (mysql -pX, -passout pass:X, -storepass, ldapsearch -w, smbclient -U u%pw, redis-cli -a, docker login -p, curl -u user:pw…)",
            pattern: "(?|(?<![A-Za-z0-9_.-])(?|" + passwordOptionAlternatives().joined(separator: "|") + ")|" + redisAuth + ")",
            group: 1,
            // Every row's program name is followed by a blank or `=`: `curl/8.5.0` in a
            // user agent or `redis-cli:` in a log line are ruled out before PCRE2 runs.
            prefilter: Prefilter(keywords: Array(Set(passwordOptions.flatMap { $0.programs.map { String($0.prefix(while: { $0 != " " })) } }
                .map { $0.count >= 3 ? $0 : $0 + " " })).sorted() + redisPromptAuth,
                // Redis's `> AUTH pw` at redis-cli's prompt is no program name: always tried.
                gate: JointGate(nameClass: "[A-Za-z0-9_.-]", longestName: 64, joint: "[ \\t=]", alwaysTried: redisPromptAuth)),
            validator: { value in
                // Documentation's stand-ins (`-u user:password`, `--user neo4j:[PASSWORD]`) stay.
                value.count >= 3 && !ValueShape.isReference(value) && Validators.notPlaceholder(value) && !value.contains(UInt8(ascii: "="))
                    && !ValueShape.isStandIn(value) && !"[<".utf8.contains(value.first!)
                    && !ValueShape.plainWords.contains(String(decoding: value, as: UTF8.self).lowercased())
            },
            examples: [
                "+ mysql -uroot '-p«Hunter2Secret!»' shop", "+ mysqldump -u root -p«s3cr3tPw» shop > /backup/shop.sql",
                "openssl pkcs12 -export -in c.pem -passout pass:«Sup3rS3cret» -out x.p12",
                "ldapsearch -x -D cn=admin,dc=example,dc=org -w «LdapPw123» -b dc=example,dc=org",
                "smbclient //srv/share -U alice%«Sm8Pass»", "7z a -p«ZipPass99» out.7z dir",
                "+ docker login -u ci -p '«My Pass 1»' registry.example.com", "redis-cli -h cache -a '«a b c»' PING",
                "+ sshpass -p «Pw0rd» ssh deploy@bastion", "mongosh --host db -u app -p «M0ng0Pw» admin",
                "keytool -importkeystore -srcstorepass «changeit2x» -keypass «K3yp4ss»", "vault login «s.Xk2mQ0zP9wL1vB3n»",
                "vault login -address=https://vault:8200 «s.Xk2mQ0zP9wL1vB3n»",
                "$ ngrok config add-authtoken «2Hk8QzLw5Rb9Tm3Vn7Xc1Pd4Jf6_7Lq2Wz9Rm4Xk8Tb3Vn»",
                "htpasswd -b -c /etc/nginx/.htpasswd admin «Ng1nx-Adm1n»", "htpasswd -nb admin «Zq7-Lm2Wx9»",
                "htpasswd -bB .htpasswd ops «Ht9-Pw3Lq»", "rabbitmqctl add_user ci «Rb7Mq-Pw2Lk9»",
                "rabbitmqctl change_password guest «Gu3st-N3wPw»",
                "snmpwalk -v3 -u mon -l authPriv -A «AuthPass1» host",
                #"PsExec.exe \\build07 -u CORP\ci -p «Wr8tLq2Vx» cmd /c hostname"#, "Connect-VIServer -Server vc01 -User ops -Password «Vc3nter!Pw»",
                #"curl -s -u "deploy:«Qv7-Ln2wXp»" https://ci.example.org/api"#, "curl --user bot:'«Ht6Rm0yPq»' -X POST https://x.example.org",
                #"curl -u ":«Wz4Kd9Lq2»" https://localhost:9200/_cat"#,
                "127.0.0.1:6379> AUTH «Rq5Wz8Lk3Tn»\nOK", "cache.internal:6380[2]> auth app «Hy6-Vb2Xm9»",
                "+ redis-cli -h cache.internal AUTH «Pw4Lx7Qz2Kc»", "$ valkey-cli --no-auth-warning AUTH ops «Tk8Nz3Wq6»",
            ],
            counterexamples: [
                "mysql -u root -p shop", "mkdir -p /tmp/x", "docker run -p 8080:80 nginx", "ssh -p 2222 host",
                "openssl enc -pass env:MY_PASS", "7z x archive.7z", "redis-cli -a $REDIS_PASSWORD ping",
                "keytool -list -storepass:env STOREPASS", "vault login -method=userpass username=bob",
                #"psexec \\host -u admin -p $Password cmd"#, #"Connect-VIServer $vc -User $u -Password "$password""#,
                "curl -u \"$CI_USER:$CI_TOKEN\" https://ci.example.org", "curl -u alice https://x.example.org",
                "curl -u username:password https://x.example.org", "curl --user ops:[PASSWORD] https://x.example.org",
                "127.0.0.1:6379> AUTH $REDIS_PASSWORD", "127.0.0.1:6379> ACL LIST", "(error) WRONGPASS invalid username-password pair",
                "127.0.0.1:6379> AUTH <password>", "ngrok config add-authtoken $NGROK_AUTHTOKEN",
                "rabbitmqctl add_user ci $RABBIT_PW", "rabbitmqctl add_user ci -- --help", "htpasswd -D .htpasswd admin",
            ])
    }()
}
