"""Look-alikes: output that resembles secrets but is not one, and must pass unchanged
(git SHAs, UUIDs, image digests, checksums, base64 of ordinary data, public keys and
certificates, documentation example keys, placeholders, prose about secrets)."""
import base64
import hashlib
import json

from values import AN, ANL, B64, D, HEX, Rand, luhn_complete


def _git_log(r):
    sha = r.s(HEX, 40)
    return f"commit {sha}\nAuthor: Build Bot <bot@users.noreply.example.com>\n\n    {r.word()} {r.word()}", [sha], "git-sha"


def _short_sha(r):
    sha = r.s(HEX, r.randint(7, 12))
    return f"{sha} Merge pull request #{r.randint(100, 9999)} from acme/{r.word()}", [sha], "git-sha"


def _uuid(r):
    u = r.uuid()
    return json.dumps({"ts": r.ts(), "request_id": u, "status": 200}), [u], "uuid"


def _digest(r):
    d = "sha256:" + r.s(HEX, 64)
    return r.choice([f"Digest: {d}", f"    image: ghcr.io/acme/api@{d}", f"Status: Downloaded newer image for acme/api@{d}"]), [d], "image-digest"


def _checksum(r):
    h = r.s(HEX, r.choice([32, 40, 64]))
    return f"{h}  dist/app-1.{r.randint(0, 9)}.{r.randint(0, 20)}-linux-amd64.tar.gz", [h], "checksum"


def _integrity(r):
    v = "sha512-" + base64.b64encode(r.randbytes(64)).decode()
    return f'      "integrity": "{v}",', [v], "checksum"


def _go_sum(r):
    v = "h1:" + base64.b64encode(r.randbytes(32)).decode()
    return f"github.com/acme/{r.word()} v1.{r.randint(0, 9)}.{r.randint(0, 9)} {v}", [v], "checksum"


def _content_md5(r):
    v = base64.b64encode(r.randbytes(16)).decode()
    return f"< Content-MD5: {v}", [v], "checksum"


def _base64_text(r):
    text = json.dumps({"kind": "settings", "theme": r.word(), "page": r.randint(1, 9), "locale": "en-GB"})
    v = base64.b64encode(text.encode()).decode()
    return f"state={v}", [v], "base64-data"


def _base64_blob(r):
    v = base64.b64encode((" ".join(r.word() for _ in range(12))).encode()).decode()
    return f"  payload: {v}", [v], "base64-data"


def _ssh_public(r):
    v = "AAAAC3NzaC1lZDI1NTE5AAAAI" + r.s(AN, 43)
    return f"ssh-ed25519 {v} bob@laptop", [v], "public-key"


def _certificate(r):
    body = [base64.b64encode(r.randbytes(48)).decode() for _ in range(4)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(body) + "\n-----END CERTIFICATE-----", body, "public-key"


def _known_example(r):
    v = r.choice(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                  "sk_test_4eC39HqLyjWDarjtT1zdp7dc"])
    return f"# example from the docs: {v}", [v], "doc-example"


def _placeholder(r):
    text, v = r.choice([("API_KEY=${API_KEY}", "${API_KEY}"), ("password: ********", "********"),
                        ("token: <your-token-here>", "<your-token-here>"), ('"secret": "[REDACTED]"', "[REDACTED]"),
                        ("GITHUB_TOKEN=$GITHUB_TOKEN", "$GITHUB_TOKEN"), ("client_secret: {{ .Values.clientSecret }}", "{{ .Values.clientSecret }}")])
    return text, [v], "placeholder"


def _announcement_prose(r):
    """Messages about a credential that announce no value: a word, a verb, then words, times
    or addresses (the `announced` family's phrases without a secret after them)."""
    w = r.choice(["password", "token", "secret", "passphrase", "API key"])
    v = r.choice([f"{w} reset email sent to {r.word()}@example.com", f"{w} expired at 12:{r.randint(10, 59)}",
                  f"{w} is required", f"{w.capitalize()} must be at least {r.randint(8, 16)} characters", f"{w} is not set",
                  f"{w} is valid", f"{w} changed to meet the policy", f"{w} set to expire in {r.randint(2, 90)} days",
                  f"{w.capitalize()} for user {r.word()} has been changed.", f"{w.capitalize()} for the {r.word()} user:\n(hidden)",
                  f"passwd: password updated successfully", f"new {w} generated for {r.word()}: see the vault"])
    return f"{r.ts()} INFO {v}", [v.split("\n")[0]], "announcement-prose"


def _prose(r):
    v = r.choice(["password reset email sent to the user", "token count: 4096", "tokens used: 1873 of 8192",
                  "password_required: true", "Enter password:", "secret rotation scheduled for Friday",
                  "authorization failed for user bob", "cookie banner dismissed", "the api key must be rotated",
                  "session renewed after 3600 seconds", "private key permissions are too open",
                  "Bearer token expired, refreshing", "basic auth disabled", "pass: 14 fail: 0 skip: 2",
                  "key-value store ready", "task-runner-7 started", "hf_hub_download finished", "path=/var/lib/app"])
    return f"{r.ts()} INFO {v}", [v], "prose"


def _numbers(r):
    v = r.choice([f"order {r.s(D, 12)} shipped", f"epoch_ms={1764000000000 + r.randint(0, 10 ** 9)}",
                  f"snowflake 1{r.s(D, 18)}", f"resourceVersion: \"{r.randint(10 ** 6, 10 ** 9)}\"",
                  f"version 1.{r.randint(0, 30)}.{r.randint(0, 30)}+build.{r.randint(1, 999)}", f"date 2026-11-{r.randint(10, 28)}"])
    return v, [v], "numbers"


def _trace_ids(r):
    t, s = r.s(HEX, 32), r.s(HEX, 16)
    return f"trace_id={t} span_id={s} duration_ms={r.randint(1, 900)}", [t, s], "trace-id"


def _container(r):
    c = r.s(HEX, 64)
    return f"Created container {c}", [c], "container-id"


def _git_remote(r):
    u = r.choice([f"git@github.com:acme/{r.word()}.git", f"https://github.com/acme/{r.word()}.git"])
    return f"origin\t{u} (fetch)", [u], "url"


def _arn(r):
    v = f"arn:aws:iam::{r.s(D, 12)}:role/ci-{r.word()}"
    return f"Assuming role {v}", [v], "arn"


def _pod(r):
    v = f"api-{r.s(ANL, 10)}-{r.s(ANL, 5)}"
    return f"pod/{v} condition met", [v], "k8s-name"


def _order_number(r):
    # A 16-digit number with a wrong Luhn digit: a Luhn-valid one cannot be told from a card.
    while True:
        v = r.choice("3456") + r.s(D, 15)
        total = sum((int(c) * 2 - 9 if int(c) * 2 > 9 else int(c) * 2) if i % 2 else int(c) for i, c in enumerate(reversed(v)))
        if total % 10:
            return f"order_id={v} status=shipped", [v], "numeric-id"


def _object_key(r):
    v = f"reports/2026/{r.randint(1, 12):02d}/{r.word()}-{r.randint(1, 999)}.pdf"
    return f'"GET /download?bucket=acme&key={v} HTTP/1.1" 200', [v], "url-param"


def _benign_random(r):
    text, v = r.choice([
        (lambda v: (f'< ETag: "{v}"', v))(r.s(HEX, 32)),
        (lambda v: (f"< X-Request-Id: {v}", v))(r.s(AN + "_-", 22)),
        (lambda v: (f"nonce={v}", v))(r.s(HEX, 16)),
        (lambda v: (f'  "checksum": "{v}",', v))(base64.b64encode(r.randbytes(32)).decode()),
        (lambda v: (f"build_id={v}", v))(r.uuid()),
        (lambda v: (f"commit_sha: {v}", v))(r.s(HEX, 40)),
        (lambda v: (f"header {v} only", v))("eyJhbGciOiJSUzI1NiJ9"),
    ])
    return text, [v], "random-id"


def _non_secret_fields(r):
    text, v = r.choice([
        ('{"access_token_type": "Bearer", "expires_in": 3600}', '"access_token_type": "Bearer"'),
        ("token_url: https://auth.example.com/oauth/token", "https://auth.example.com/oauth/token"),
        ("password_file: /run/secrets/db-password", "/run/secrets/db-password"),
        ("secret_name: db-credentials", "db-credentials"),
        ("api_key_header: X-Api-Key", "api_key_header: X-Api-Key"),
        ("password: (none)", "(none)"),
        ("token_expires_at: 2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
        # code that looks a secret up by name, key-value names, versions and stand-ins
        ('db_password = getPassword("admin")', 'getPassword("admin")'), ("key_up_event=Kq3w8Zp1Lm5Xr7Tn2", "Kq3w8Zp1Lm5Xr7Tn2"),
        ('<entry key="org.example.v2_migration" value="done"/>', "org.example.v2_migration"),
        ('"bucket_key": "NightlyReports-4.2"', "NightlyReports-4.2"), ("artifact = \"io.jsonwebtoken:jjwt-impl-0.12.6\"", "jjwt-impl-0.12.6"),
        ('api_key = "your-api-key-here"', "your-api-key-here"), ('password = "myfakepassword"', "myfakepassword"),
        ('{"value": "eu-central-1", "name": "AWS_REGION"}', "eu-central-1"), ('<add key="DbPassword" value="${DB_PASSWORD}"/>', "${DB_PASSWORD}"),
        ("Token: see the runbook for rotation", "see the runbook for rotation"),
    ])
    return text, [v], "non-secret-field"


def _service_prose(r):
    """A service's name followed by ordinary text: versions, dates, URLs, words, numbers."""
    s = r.choice(["github", "slack", "stripe", "heroku", "datadog", "netlify", "sentry", "grafana", "jira", "zendesk"])
    text, v = r.choice([
        (f"{s}: enabled", "enabled"), (f"{s} release-{r.randint(2019, 2026)}-{r.randint(1, 12):02d}", "release-"),
        (f"image: {s}/{s}:{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 30)}", f"{s}/{s}:"),
        (f"{s}_url: https://{s}.example.com/api/v{r.randint(1, 4)}", f"https://{s}.example.com/api"),
        (f"deployed to {s} in {r.randint(2, 90)} s", "deployed to"),
        (f"{s} v{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 40)}-rc{r.randint(1, 5)}", f"{s} v"),
        (f"{s} 2026-0{r.randint(1, 9)}-1{r.randint(0, 9)}T0{r.randint(0, 9)}:15:00Z", f"{s} 2026-0"),
        (f"{s}: #deploys-{r.word()}", f"{s}: #deploys-"), (f"{s} node{r.randint(14, 22)}-alpine3", "-alpine3"),
    ])
    return text, [v], "service-prose"


def _stand_in(r):
    """Placeholders and references written where a secret would be (issue 10's precision
    families): documentation's fillers, templates, command substitutions, asset names with
    content hashes, and a weak word from a password field printed again as an image name."""
    w, h = r.word(), r.s(HEX, 32)
    fill = r.choice("xX")
    text, v = r.choice([
        (f'curl -H "Authorization: Bearer {fill * r.randint(10, 30)}" https://api.example.com/{w}', None),
        (f'curl -H "Authorization: Bearer <{w.capitalize()} API token>" https://api.example.com', None),
        ('curl --header "Authorization: Basic ..." https://accounts.example.com/api/token', None),
        (f"{w.upper()}_ACCESS_KEY={{{w.capitalize()}AccessKey}}", None),
        (f"-e {w.upper()}_TOKEN=`vault read -field=token secret/{w}`", None),
        (f'--set {w}.token="sha256~{fill * 10}_PUT_YOUR_TOKEN_HERE_{fill * 12}"', None),
        (f'apiKey: "AIza{r.choice("ab") * 35}"', None),
        (f"okta_key = {'0' * r.randint(28, 34)}LMNOPQR", None),
        (f"  <img src=\"/assets/{w}_box.ico-{h}.png\">", None),
        (f"  dist/{w}.{r.s(HEX, 20)}.js  41.2 kB", None),
        (f'"HttpsProxy": "https://{r.choice(["user:pass", "xxxxx:xxxxx", "test:test"])}@proxy.example.com:3128"', None),
        (f"WORDPRESS_DB_PASSWORD: wordpress\n    image: wordpress:{r.randint(5, 6)}.{r.randint(0, 9)}-apache", "image: wordpress:"),
        (f"elif sig == signal.CTRL_{w.upper()}_EVENT:", None),
    ])
    return text, [v or text], "stand-in"


def _layout_prose(r):
    """Labels, tables, options and changelog lines with a secret word and no secret after it."""
    w = r.word()
    text, v = r.choice([
        (f"Password:\nEnter the {w} one below", f"Enter the {w} one below"),
        (f"## Token:\n\nsee the {w} runbook", f"see the {w} runbook"),
        (f"| Name | Meaning |\n| api_token | The token the {w} job signs in with |", "The token the"),
        (f"| password | string | required | {w} |", f"| string | required | {w} |"),
        (f"tar -xzf key-{w}.tar.gz", f"key-{w}.tar.gz"), (f"gpg -keyring {w}.kbx --list-keys", f"{w}.kbx"),
        (f"\t* lib/{w}key.c: missing closing parenthesis", "missing closing parenthesis"),
        (f"    {w}_privkey_sign_data: removed unused argument", "removed unused argument"),
        (f"curl -u username:password https://{w}.example.org", "username:password"),
    ])
    return text, [v], "layout-prose"


def _code_around_names(r):
    """Code and prose with a secret word whose "value" is code, a selector, a resource name,
    a reference or a placeholder: none of them a secret."""
    w = r.word()
    text, v = r.choice([
        (f'log.append("{w.capitalize()}Password: " + get{w.capitalize()}Password() + ",");', f"get{w.capitalize()}Password()"),
        (f"echo 'password = '.$cfg['{w}']['password'].\"\\n\";", f"$cfg['{w}']"),
        (f'labels = {{userLabel:"User:",passwordLabel:"Password:",{w}Label:"{w.capitalize()}:"}}', f'{w}Label:'),
        (f'this.resetPassword = "#reset-{w}-password";', f"#reset-{w}-password"),
        (f'Change{w.capitalize()}Password = "arn:aws:iam::aws:policy/Change{w.capitalize()}Password"', "arn:aws:iam::aws:policy/"),
        (f'  \\${w}_pass = \\$_REQUEST[\\"{w}_pass\\"];', f'{w}_pass\\"]'),
        (f"APP_FORGOT_PASSWORD=$APP_BASE_URL/{w}/#/forgot_password", f"$APP_BASE_URL/{w}/#/forgot_password"),
        (f'"password": "&lt;{w.upper()}_PASSWORD&gt;"', f"&lt;{w.upper()}_PASSWORD&gt;"),
        (f"the {w} password is incorrect, try again", "incorrect, try again"),
        (f"Your token is valid for {r.randint(2, 90)} days", "days"),
    ])
    return text, [v], "code-around-names"


def _entry_stand_in(r):
    """XML entries and assignments whose value is no secret: a bundle's name, a template, the
    name standing in for its value, a program's variable, a URL's documentation credentials."""
    w = r.word()
    text, v = r.choice([
        (f"<key>CFBundle{w.capitalize()}Name</key>\n<string>{w.capitalize()} App</string>", f"{w.capitalize()} App"),
        (f"<key>{w}_password</key>\n<string>${{{w.upper()}_PASSWORD}}</string>", f"${{{w.upper()}_PASSWORD}}"),
        (f'<string name="{w}_password_hint">Enter your {w} password</string>', f"Enter your {w} password"),
        (f'  {w}_password: "{{ {w}_password }}"', f"{{ {w}_password }}"),
        (f"{w.upper()}_API_TOKEN={w.upper()}_API_TOKEN", f"={w.upper()}_API_TOKEN"),
        (f'data = {{"user": {w}, "password": new_{w}_password}}', f"new_{w}_password"),
        (f'{w}_token: "%env({w.upper()}_TOKEN)%"', f"%env({w.upper()}_TOKEN)%"),
        (f"DATABASE_URL=postgres://{w}:password@localhost:5432/{w}", f"{w}:password@"),
        (f'<item key="{w.capitalize()}Connection{r.randint(1, 9)}">', f'key="{w.capitalize()}Connection'),
    ])
    return text, [v], "entry-stand-in"


def _word_lists(r):
    """Lists of ordinary words and names under plural names that hold secret words: schema
    field lists, option lists, a list comprehension."""
    w = r.word()
    text, v = r.choice([
        (f"keys:\n  - id\n  - {w}\n  - created_at", f"- {w}\n"),
        (f'"required": ["{w.capitalize()}Password", "{w.capitalize()}Username"]', f'"{w.capitalize()}Username"'),
        (f"auth_methods: [password, publickey, {w}]", f"publickey, {w}]"),
        (f"passwords = [p.strip() for p in {w}_lines]", f"[p.strip() for p in {w}_lines]"),
        (f"token_types:\n  - bearer\n  - {w}", f"- {w}"),
        (f'{w}_tokens = ["${{{w.upper()}_TOKEN}}", "${{{w.upper()}_TOKEN_2}}"]', f"${{{w.upper()}_TOKEN_2}}"),
    ])
    return text, [v], "word-lists"


def _unseen_stand_in(r):
    """What the seventh round's unseen corpora showed is no secret: a key block around a
    stand-in, code closing a string before an `@`, a template expression as a URL's password,
    a stand-in word in capitals inside a key, and a card's four groups inside an account number."""
    w = r.word()
    groups = " ".join(luhn_complete(r, "5" + r.choice("12345") + r.s(D, 2), 16)[i:i + 4] for i in range(0, 16, 4))
    text, v = r.choice([
        (f"-----BEGIN {r.choice(['RSA ', 'EC ', 'OPENSSH ', ''])}PRIVATE KEY-----\n{r.choice(['...', '*' * 8, '<' + w + ' key>'])}\n-----END PRIVATE KEY-----", None),
        (f"-----BEGIN PRIVATE KEY-----\n{r.choice(['...', 'xxxxxxxx', 'paste the ' + w + ' key here'])}\n-----END PRIVATE KEY-----", None),
        (f'{w}s("http://{w}-cache:{r.randint(1024, 9999)}"),@Named("{w}")', None),
        (f'url = f"https://{{user}}:{{vault.read({w}_role)}}@{w}.internal/app"', None),
        (f"aws_secret_access_key = {r.s(AN, 34)}SAMPLE", None),
        (f"{w.upper()}_SECRET={r.s(AN, 20)}TESTKEY", None),
        (f"{w.upper()}_URL=postgres://{w}:REPLACE_WITH_{w.upper()}_PASSWORD@localhost:5432/{w}", None),
        (f"account {r.choice(['RS', 'ME', 'XK'])}{r.s(D, 2)} {groups} {r.s(D, 2)}", None),
    ])
    return text, [v or text], "unseen-stand-in"


KINDS = [_announcement_prose, _word_lists, _unseen_stand_in, _code_around_names, _entry_stand_in, _stand_in, _layout_prose, _service_prose, _order_number, _object_key, _benign_random, _non_secret_fields, _git_log, _short_sha, _uuid, _digest, _checksum, _integrity, _go_sum, _content_md5, _base64_text,
         _base64_blob, _ssh_public, _certificate, _known_example, _placeholder, _prose, _numbers, _trace_ids,
         _container, _git_remote, _arn, _pod]


def lookalikes(r: Rand, count: int):
    """`count` look-alike snippets: (text, values that must survive, kind)."""
    return [KINDS[i % len(KINDS)](r) for i in range(count)]
