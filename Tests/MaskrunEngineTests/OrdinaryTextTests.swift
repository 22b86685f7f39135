import Testing
@testable import MaskrunEngine

/// Ordinary text that names a secret without holding one (issue 10, session 8): man page
/// sources, changelogs, source code. Each family beside a secret of the same layout that must
/// still be masked. `«…»` marks what must be masked; a line without marks passes unchanged.
@Suite struct OrdinaryTextTests {
    @Test(arguments: [
        // A man page's metavariable in roff italics.
        #".B  --passphrase \fIstring\fR"#,
        #".B  --passphrase-file \fIfile\fR"#,
        #"Use \fIname\fR as the default key to sign with."#,
        // A changelog's file name before its entry.
        "\t* tests/Test-proxied-https-auth.px: Skip test if perl module",
        "\t* src/css-tokens.h: Add enums and fixate values",
        // Declarations' types: a default, a union, generic arguments.
        "        password: bool = False,",
        "        password: _PasswordType | None = None,",
        "    private var _baseSig: UnsafeMutablePointer<ECDSA_SIG>",
        // Types named after a secret word.
        #"                raise TokenError("EOF in multi-line string", strstart)"#,
        "class HTTPPasswordMgrWithPriorAuth(HTTPPasswordMgrWithDefaultRealm):",
        // Names joined by slashes: a Cartfile's repository, time zones in a list.
        #"github "Swinject/SwinjectStoryboard" ~> 2.0"#,
        "KEYS = [\n    \"Africa/Abidjan\",\n    \"America/Los_Angeles\",\n]",
        // OAuth scopes and Swift's implicit members in lists, an array's element type.
        #"  "petstore_auth": ["write:pets", "read:pets"]"#,
        "path.url.resourceValues(forKeys: [.volumeSupportsCaseSensitiveNamesKey])",
        "    var keys: [KeyComponent<ObjectType, Resolver, Context>]",
        // A header's value that is the program's expression.
        "conditions.append({'x-amz-security-token': self.credentials.token})",
        // Prose and code after a cookie header's name; documentation's numbered values.
        "appropriate format for a Set-Cookie: header.  This is the",
        "        var cookie: HTTPCookies.Value?",
        "            'QUERY_STRING':     'key1=value1&key2=value2y',",
        // A Secret template whose data is filled in later.
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: agent-config\ndata:\n  config: {{config_data}}\n",
    ])
    func lookAlikeSurvives(_ line: String) {
        checkMarked(line)
    }

    @Test(arguments: [
        // A password given on the command line is one, roff or not.
        #"gpg --batch --passphrase «Vq8sZ2mKp4Rw» --symmetric notes.txt"#,
        // A random value after a file-named key is still masked (a Secret's data key).
        "  token.sh: «Zq7Wm2Kx9Pv4Rt8Ln3Bc»",
        // A data file's name as a key keeps its content masked.
        "  credentials.json: «eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0K»",
        // A capitalised password, a password with `|` or `=` inside, are not types.
        "password: «Tangerine»",
        "password: «Tangerine<3»",
        "password: «Summer|2024»",
        "DB_PASSWORD=«hunter2=x»",
        #"password = "«bool = False»""#,
        // A token error's name part is no secret part only as a whole part.
        "errorToken: «kT9mW2qZ7xR4vB8nL3pJ»",
        // Base64 with slashes, a credential pair in a list, a header's literal value.
        "aws_secret_access_key: «wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Kd3»",
        #"credentials: [«"deploy:Vw9qLm4Zt2Rx"»]"#,
        "conditions.append({'x-amz-security-token': '«FwoGZXIvYXdzEBkaDOk7xYq2Lw9Zt3Rb»'})",
        // A cookie, and a numbered value that is more than the word.
        "Cookie: «rocky=road; Path=/cookie»",
        "api_key=«value1Kx9Lq2Wm7Rt»",
        // A Secret with one real value beside a template's.
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: agent-config\ndata:\n  «config: {{config_data}}\n  token: c2VjcmV0LXZhbHVlLTEy»\n",
    ])
    func secretStillMasked(_ line: String) {
        checkMarked(line)
    }
}
