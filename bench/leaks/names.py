"""Secrets recognisable only by their name or their command line, one family per way real
output spells them: name case styles and glue, assignment and call syntaxes, name/value
structures, command-line password options, values cut short by the printing program, and
bare repeats of a value already seen with its name. Names, programs and syntaxes are drawn
at random from the lists below, so no case is a copy of a detector's own example."""
import json

from values import AN, ANL, HEX, Rand, custom, url_pw

# Secret words and the provider or owner names that glue onto them.
WORDS = ["password", "passwd", "pwd", "pass", "secret", "token", "api_key", "apikey", "access_key", "auth_token",
         "private_key", "client_secret", "credentials", "secret_key", "passphrase", "auth_key"]
OWNERS = ["db", "redis", "smtp", "mysql", "pg", "admin", "root", "github", "stripe", "adafruit", "telegram",
          "stormglass", "sendgrid", "mailgun", "jira", "sonar", "nexus", "ldap", "service", "my", "app", "bot"]


def style(r, parts):
    """One name in a random case style and glue."""
    kind = r.randint(0, 6)
    words = [w for p in parts for w in p.split("_")]
    if kind == 0:
        return "_".join(words)
    if kind == 1:
        return "_".join(words).upper()
    if kind == 2:
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if kind == 3:
        return "".join(w.capitalize() for w in words)
    if kind == 4:
        return "".join(words).upper()
    if kind == 5:
        return "-".join(words).upper()
    return ".".join(words)


def name(r):
    return style(r, [r.choice(OWNERS), r.choice(WORDS)] if r.random() < 0.8 else [r.choice(WORDS)])


def secret(r):
    return r.mixed(AN, r.randint(14, 30)) if r.random() < 0.6 else url_pw(r)


def syntax(r):
    n, v = name(r), secret(r)
    forms = [
        f"{n}={v}", f"export {n}='{v}'", f'{n}: "{v}"', f"{n}: {v}", f'"{n}": "{v}",', f"{n} := \"{v}\"",
        f"'{n}' => '{v}',", f"{n} ?= {v}", f"{n} ::= {v}", f"{n} <- \"{v}\"", f'System.setProperty("{n}", "{v}");',
        f'os.environ["{n}"] = "{v}"', f"<{n}>{v}</{n}>", f'<add key="x" {n}="{v}" />', f"{n} = \"{v}\";",
        f"    {n}: str = \"{v}\"", f'config["{n}"] = "{v}"', f"set {n}={v}", f"--{n.lower().replace('_', '-')} {v}",
        f"  -D{n}={v} \\",
        # comparisons, string prefixes, C arrays, Go types, Make and PHP operators, calls
        f'if ({n} != "{v}") {{', f"if {n} === '{v}'", f'{n} = @"{v}";', f"{n} = r'{v}'", f'char {n}[64] = "{v}";',
        f'var {n} string = "{v}"', f"{n} :::= {v}", f'${n} .= "{v}";', f"${n} ??= '{v}';", f'{n} "{v}";',
        f'std::string {n}("{v}");', f"<{n}>\n    {v}\n</{n}>", f'<add key="{n}" value="{v}" />',
    ]
    return r.choice(forms), v, "syntax"


def syntax_named(r):
    n, v = name(r), secret(r)
    return r.choice([f"{n}={v}", f"{n}: {v}", f'"{n}": "{v}"']), v, "names"


def structure(r):
    n, v = style(r, [r.choice(OWNERS), r.choice(WORDS)]), secret(r)
    kind = r.randint(0, 8)
    if kind == 0:
        return f"        env:\n        - name: {n}\n          value: {v}\n        - name: LOG_LEVEL\n          value: info", v, "k8s-env"
    if kind == 1:
        return json.dumps({"environment": [{"name": n, "value": v}, {"name": "REGION", "value": "eu-west-1"}]}), v, "ecs"
    if kind == 2:
        return f"====== Data ======\nKey         Value\n---         -----\n{n.lower()}    {v}\nusername    app", v, "vault-kv"
    if kind == 3:
        return f"stringData:\n  {n}: |\n    {v}\n  other: x", v, "block-scalar"
    if kind == 4:
        return (f"apiVersion: v1\ndata:\n  {n}: {(b := json.dumps(v)[1:-1])}\nimmutable: true\nkind: Secret\nmetadata:\n  name: app",
                b, "k8s-secret-immutable")
    if kind == 5:
        # name/value pairs with the value first (CloudFormation, ECS task definitions as written)
        return json.dumps({"Environment": [{"Value": v, "Name": n}, {"Value": "eu-west-1", "Name": "REGION"}]}), v, "value-first"
    if kind == 6:
        # a Secret applied with kubectl: its stringData kept in the annotation, keys sorted
        inner = json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"annotations": {}, "name": "app"},
                            "stringData": {n.lower(): v}, "type": "Opaque"}, separators=(",", ":"))
        return (f"metadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {inner}\n  name: app",
                v, "last-applied")
    if kind == 7:
        # the same, as `kubectl get secret -o json` prints it: JSON escaped in a JSON string
        inner = json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "app"},
                            "stringData": {n.lower(): v}}, separators=(",", ":"))
        return json.dumps({"metadata": {"annotations": {"kubectl.kubernetes.io/last-applied-configuration": inner + "\n"}}},
                          indent=4), v, "last-applied-json"
    return f"  <{n}>{v}</{n}>", v, "xml"


def command_line(r):
    pw = url_pw(r)
    host = r.choice(["db.internal", "10.0.3.17", "cache"])
    forms = [
        (f"+ mysql -h {host} -uroot '-p{pw}' shop", pw), (f"+ mysqldump -u root -p{pw} shop", pw),
        (f"+ openssl pkcs12 -export -in c.pem -passout pass:{pw} -out c.p12", pw),
        (f"+ keytool -importkeystore -srckeystore a.jks -srcstorepass {pw} -destkeystore b.p12", pw),
        (f"+ ldapsearch -x -H ldap://{host} -D cn=admin,dc=example,dc=org -w {pw} -b dc=example,dc=org", pw),
        (f"+ smbclient //{host}/share -U deploy%{pw} -c ls", pw), (f"+ 7z a -p{pw} backup.7z data/", pw),
        (f"+ docker login -u ci -p '{pw} x' registry.example.com", pw + " x"),
        (f"+ redis-cli -h {host} -a '{pw} y' PING", pw + " y"), (f"+ sshpass -p {pw} ssh deploy@{host} uptime", pw),
        (f"+ vault login s.{(t := r.mixed(AN, 24))}", "s." + t), (f"+ mongosh --host {host} -u app -p {pw} admin", pw),
    ]
    text, value = r.choice(forms)
    return text, value, "command-line"


def truncated(r):
    body = r.mixed(AN, 30)
    kind = r.randint(0, 2)
    if kind == 0:
        cut = "ghp_" + body[:20]
        return f"│ token = '{cut}…'", cut, "rich-locals"
    if kind == 1:
        pw = r.mixed(AN, 14)
        return f"    dsn = 'postgresql://app:{pw}@db.internal:5432/app'", pw, "repr"
    cut = "sk_live_" + body[:18]
    return f"  stripe_key: {cut}...", cut, "truncated"


def repeats(r):
    v = r.mixed(AN, r.randint(16, 28))
    n = style(r, [r.choice(OWNERS), r.choice(WORDS)])
    return f"+ export {n}={v}\n+ ./deploy.sh --region eu-west-1\nusing credential {v} for upload", [v], "repeat"


def layout(r):
    """A value laid out apart from its name: on a later line, in a table row, after a
    single-dash option, in an assignment continued on the next line, in a brace initialiser,
    an ARM template parameter, a long element, curl's user:password, a CRLF line."""
    n = style(r, [r.choice(OWNERS), r.choice(["token", "secret", "api_key", "access_key", "auth_token"])])
    v = r.mixed(AN, r.randint(20, 36))
    pw = url_pw(r).replace("|", "-")
    word = r.choice(["Setup", "Deploy", "Staging", "Service"])
    kind = r.randint(0, 9)
    if kind == 0:
        return f"## {word} {r.choice(['password', 'token', 'secret'])}:\n\n    {v}\n\n## Next steps", v, "later-line"
    if kind == 1:
        return (f"| Name | Description | Example |\n|---|---|---|\n| {n} | used by the {word.lower()} job | {v} |\n"
                f"| region | where it runs | eu-west-1 |"), v, "markdown-table"
    if kind == 2:
        return f"{word}.exe\n    -account {r.word()}\n    -{r.choice(['storagekey', 'token', 'apikey', 'secret'])} {v}\n    -verbose", v, "single-dash"
    if kind == 3:
        return f"    private static final String {n.upper().replace('.', '_').replace('-', '_')}\n            = \"{v}\";", v, "continued"
    if kind == 4:
        return f"static const std::string {word}AccountKey{{\n    \"{v}\"}};", v, "brace-init"
    if kind == 5:
        return f'  "{r.word()}AdminPassword": {{\n    "value": "{pw}"\n  }},', pw, "arm-parameter"
    if kind == 6:
        long = r.mixed(AN, r.randint(600, 900))
        return f"  <session>{{AQAAABAAA {long}}}</session>", long, "long-element"
    if kind == 7:
        return f"+ curl -sf -u '{r.word()}:{pw}' https://ci.example.org/api/json", pw, "curl-user"
    if kind == 8:
        return f"{n} = '{v}'\r\nnext = 1", v, "crlf-quote"
    return f"{r.word()} {r.choice(['token', 'secret'])} |{v}\nregion |eu-west-1", v, "pipe-cell"


def entry(r):
    """A secret named by an XML element or attribute rather than before a joint (property
    lists, Hadoop and Java-properties XML, Android resources), a Dockerfile's `ENV NAME v`,
    and a JDBC URL parameter whose name ends in a password word."""
    n = style(r, [r.choice(OWNERS), r.choice(["token", "secret", "api_key", "access_key", "password"])])
    v = r.mixed(AN, r.randint(16, 32))
    pw = url_pw(r).replace("&", "-").replace(";", "-").replace("<", "-")
    indent = " " * r.randint(0, 8)
    kind = r.randint(0, 6)
    if kind == 0:
        return f"{indent}<key>{n}</key>\n{indent}<string>{v}</string>", v, "plist"
    if kind == 1:
        return (f"{indent}<property>\n{indent}  <name>{r.word()}.{n.lower()}</name>\n{indent}  <value>{v}</value>\n"
                f"{indent}</property>"), v, "hadoop-xml"
    if kind == 2:
        return f"{indent}<entry>\n{indent}  <key>{n}</key>\n{indent}  <value>{v}</value>\n{indent}</entry>", v, "entry-pair"
    if kind == 3:
        return f'{indent}<string name="{n.lower().replace(".", "_").replace("-", "_")}">{v}</string>', v, "android-string"
    if kind == 4:
        return f'{indent}<entry key="{n}">{v}</entry>', v, "properties-xml"
    if kind == 5:
        step = f"Step {r.randint(2, 9)}/12 : " if r.random() < 0.5 else ""
        return f"{step}ENV {n.upper().replace('.', '_').replace('-', '_')} {v}", v, "dockerfile-env"
    owner = r.choice(["user", "db", "admin", "root"])
    amp = r.choice(["&", "&amp;"])
    return f'connectionURL="jdbc:mysql://{r.word()}.lan/{r.word()}?user={r.word()}{amp}{owner}pass={pw}"', pw, "jdbc-param"


# Services whose keys are plain random strings, and the ways notes, logs and code put a key
# right after the service's name (no secret word needed).
SERVICES = ["checkvist", "instamojo", "railway", "kucoin", "netlify", "pipedrive", "tableau", "zendesk",
            "mixpanel", "trello", "confluence", "sendbird", "mailjet", "heroku", "datadog", "pagerduty"]


def service(r):
    s, v = r.choice(SERVICES), r.mixed(AN, r.randint(16, 40))
    cap = s.capitalize()
    forms = [
        f"{s}: {v} / ops{r.randint(1, 999)}@example.com", f"{s} '{v}'", f"{s} = {v}", f"{s}Key := \"{v}\"",
        f"{s} token - '{v}'", f"{s} {v}", f"client := New{cap}Client(\"{v}\")", f"The {s.upper()} key is {v}, keep it safe",
        f"  <secret>{{{s} AQAAABAAAAAQ {v}}}</secret>", f"{s}_id - '{v}'",
    ]
    return r.choice(forms), v, "service-name"


def prose(r):
    """A password or secret stated in a sentence (notes, READMEs, echo lines), a literal a
    secret name is compared with, and a URL password holding an `@`."""
    w, v = r.word(), r.mixed(AN, r.randint(6, 14)) + r.choice(["7", "#2", "!9", "42"])
    q = r.choice(["'", '"'])
    kind = r.randint(0, 5)
    if kind == 0:
        return f"echo \"The {w} password is {q}{v}{q}\"", v, "prose"
    if kind == 1:
        return f"Make sure the {r.choice(['password', 'passphrase'])} for user {q}{w}{q} is {q}{v}{q} before you start.", v, "prose"
    if kind == 2:
        return f"The default {r.choice(['password', 'secret'])} for the {w} console is {v}.", v, "prose"
    if kind == 3:
        return f"  {r.choice(['Temporary', 'Initial'])} password is {v}, change it after the first login", v, "prose"
    if kind == 4:
        owner = r.choice(["creds", "cfg", "opts", "conf", "req"])
        return f"if {owner}.Secret != {q}{w}-{v.lower()}{q} {{\n  return false\n}}", f"{w}-{v.lower()}", "comparison"
    pw = f"{v[:4]}@{v[4:]}"
    return f"MONGO_URI=mongodb://{w}:{pw}@db{r.randint(1, 9)}.internal:27017/{w}", pw, "url-at-sign"


def listed(r):
    """Values laid out apart from their name: a YAML list, a JSON or flow array under a plural
    secret name, one quoted value on the line after its name, and a tuple assignment whose
    secret name is not the first."""
    n = style(r, [r.choice(OWNERS), r.choice(["passwords", "tokens", "secrets", "api_keys", "keys"])])
    vs = [r.mixed(AN, r.randint(14, 28)) for _ in range(r.randint(1, 4))]
    q = r.choice(["'", '"'])
    kind = r.randint(0, 5)
    if kind == 0:
        dash = " " * r.randint(0, 4)
        return f"{n}:\n" + "\n".join(f"{dash}- {q}{v}{q}" if r.random() < 0.5 else f"{dash}- {v}" for v in vs), vs, "yaml-list"
    if kind == 1:
        return json.dumps({n: vs, "region": "eu-west-1"}, indent=r.choice([None, 2])), vs, "json-list"
    if kind == 2:
        return f"{n}: [{', '.join(vs)}]", vs, "flow-list"
    single = style(r, [r.choice(OWNERS), r.choice(WORDS)])
    if kind == 3:
        return f"  {single}:\n    {q}{vs[0]}{q},", vs[:1], "next-line"
    if kind == 4:
        return f"{single} = \\\n    {q}{vs[0]}{q}", vs[:1], "continued-line"
    owner = r.choice(["user", "host", "region"])
    joint = r.choice([" := ", " string = ", " = "])
    return f'{owner}, {single.replace(".", "_").replace("-", "_")}{joint}"{r.word()}", "{vs[0]}"', vs[:1], "tuple"


def announced(r):
    """A credential a program announces in its messages: a secret word, a connecting phrase
    (`is:`, `reset to`, `generated for user@host:`, `for user 'x':`), the value; or a lead-in
    line and the value alone, or labelled, on the next line (optionally under a log prefix)."""
    v = r.mixed(AN, r.randint(12, 24)) + r.choice(["", "-", "#"]) + r.mixed(AN, r.randint(2, 6))
    user, host = r.word(), r.choice(["localhost", "127.0.0.1", "db-1", "ci.internal"])
    thing = r.choice(["password", "passphrase", "secret", "token", "API key"])
    adjective = r.choice(["temporary", "initial", "generated", "new", "default", "bootstrap"])
    connectors = [
        f"is: ", f"is ", f"has been reset to ", f"set to ", f"changed to ", f"was regenerated to ",
        f"is generated for {user}@{host}: ", f"for user '{user}': ", f"for the [{user}] user is : ",
        f'of user "{user}" to ', f"created successfully: ",
    ]
    kind = r.randint(0, 3)
    if kind <= 1:
        text = f"{r.ts()} [Note] A {adjective} {thing} {r.choice(connectors)}{v}"
        return (text if kind == 0 else f"{user.upper()}_{thing.upper().replace(' ', '_')} is {v}"), v, "same-line"
    lead = r.choice([f"{thing.capitalize()} for the {user} user (reset it with `{user}ctl reset`):",
                     f"New {thing} for {user} ({r.word()}-{r.s(AN.lower(), 5)}):",
                     f"Copy the following {thing} and keep it safe (shown once):"])
    prefix = r.choice(["", f"{user}-1  | "])
    if kind == 2:
        return f"{prefix}{lead}\n{prefix}{r.choice(['', '  '])}{v}\n", v, "next-line"
    return f"{prefix}{thing.capitalize()} for the [{user}] user successfully reset.\n{prefix}New value: {v}\n", v, "next-line"


NAME_FAMILIES = {
    "secret-in-prose/announced": ("announced", custom(announced)),
    "secret-list/lists": ("lists", custom(listed)),
    "secret-in-prose/prose": ("prose", custom(prose)),
    "provider-value/services": ("services", custom(service)),
    "secret-field/names": ("names", custom(syntax_named)),
    "secret-field/syntax": ("syntax", custom(syntax)),
    "secret-field/structures": ("structures", custom(structure)),
    "secret-field/layouts": ("layouts", custom(layout)),
    "secret-entry/entries": ("entries", custom(entry)),
    "command-line-password/cli": ("command-line", custom(command_line)),
    "secret-field/truncated": ("truncation", custom(truncated)),
    "secret-field/repeats": ("repeats", custom(repeats)),
}
