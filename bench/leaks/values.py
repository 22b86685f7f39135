"""Fresh, valid-looking values for every built-in detector, and the contexts they are
printed in. `DETECTORS` maps a detector id to (family, planter); a planter takes a `Rand`
and returns a list of `Plant`s: text to print and the secret parts that must not survive.
Values are random on every run, with valid checksums where the format has one (Luhn,
mod-97, SSN ranges), so a detector cannot pass by remembering its own examples."""
import base64
import json
import random
import string
import urllib.parse

AN = string.ascii_letters + string.digits
ANL = string.ascii_lowercase + string.digits
ANU = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
B64 = AN + "+/"
B64U = AN + "_-"
D = string.digits
A = string.ascii_letters
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B32L = B32.lower()
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"


class Rand(random.Random):
    def s(self, charset, n):
        return "".join(self.choice(charset) for _ in range(n))

    def mixed(self, charset, n):
        """Like s(), but with at least one letter and one digit, as real keys have."""
        while True:
            value = self.s(charset, n)
            if any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
                return value

    def uuid(self):
        h = self.s(HEX, 32)
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


    def b64(self, nbytes):
        return base64.b64encode(self.randbytes(nbytes)).decode()

    def b64url(self, data):
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    def ts(self):
        return f"2026-11-25T{self.randint(0, 23):02d}:{self.randint(0, 59):02d}:{self.randint(0, 59):02d}.{self.randint(0, 999):03d}Z"

    def word(self):
        return self.choice(WORDS)

    def host(self):
        return self.choice(["db.internal", "10.0.3.17", "pg-primary.prod.svc.cluster.local", "cache", "mq.example.net",
                            "sql-7.example.com"])


WORDS = ("request completed user order payment cache miss hit retry timeout connected closed worker started "
         "shutdown queue message processed invoice shipment count reset email sent renewed upstream latency "
         "deploy build release migrate schedule refresh rotate").split()


class Plant:
    """Text to print and the secrets in it; `coloured` when escape sequences split or wrap them."""

    def __init__(self, text, secrets, context, coloured=False):
        self.text = text
        self.secrets = secrets if isinstance(secrets, list) else [secrets]
        self.context = context
        self.coloured = coloured


# --- contexts ---------------------------------------------------------------------------

ESC = "\x1b"


def jq_colour(key, value):
    """A one-field object as `jq -C` prints it: key and value coloured separately."""
    return (f"{ESC}[1;39m{{\n  {ESC}[0m{ESC}[34;1m\"{key}\"{ESC}[0m{ESC}[1;39m:{ESC}[0m "
            f"{ESC}[0;32m\"{value}\"{ESC}[0m{ESC}[1;39m\n{ESC}[1;39m}}{ESC}[0m")


def neutral(r, token):
    """A line that names no secret: only the token's own shape can give it away."""
    return r.choice([
        lambda: (f"{r.ts()} INFO  client configured with {token} for {r.word()}", "log"),
        lambda: (json.dumps({"ts": r.ts(), "level": "debug", "msg": f"{r.word()} {r.word()}", "value": token}), "json-log"),
        lambda: (f'Traceback (most recent call last):\n  File "/srv/app/clients.py", line {r.randint(10, 400)}, in connect\n'
                 f'    return Client("{token}")\nValueError: rejected by upstream', "traceback"),
        lambda: (f"+ ./scripts/{r.word()}.sh --with {token}", "ci-log"),
        lambda: (f"args: ['--{r.word()}', '{token}']", "log"),
        lambda: (f"WARN found a credential in config/old.env: {token}.", "log"),
        lambda: (f"| prod | {token} | active |", "markdown"),
        lambda: (f"{{'id': {r.randint(1, 999)}, 'value': '{token}', 'enabled': True}}", "python-repr"),
        lambda: (f'    "Cmd": ["/app/server", "--upstream-credential={token}"],', "docker-inspect"),
        lambda: (f"Use `{token}` for the staging account (rotated {r.ts()[:10]}).", "markdown"),
        lambda: (f"GET https://api.example.com/v1/export?t={token}&format=csv", "url"),
        lambda: (f"{r.ts()}\tcredential\t{token}\tok", "tsv"),
        lambda: (f"fallback credential ({token}) used; 🔑 rotation overdue", "log"),
        lambda: (f"<td class=\"key\">{token}</td>", "html"),
        lambda: (f"{r.ts()} INFO loaded {token}\r", "crlf"),
    ])()


def named(r, token, name):
    """A line that assigns the token to its usual name."""
    return r.choice([
        lambda: (f"{name}={token}", "env"),
        lambda: (f"export {name}='{token}'", "env"),
        lambda: (f'    "{name}": "{token}",', "json"),
        lambda: (f"  {name}: {token}", "yaml"),
        lambda: (f"docker run --rm -e {name}={token} ghcr.io/acme/app:1.4.{r.randint(0, 9)}", "ci-log"),
        lambda: (f"##[debug]Evaluating: env.{name} = '{token}'", "ci-log"),
        lambda: (f'            "Env": ["{name}={token}", "PATH=/usr/local/bin:/usr/bin"],', "docker-inspect"),
        lambda: (f"      {name}:  {token}", "kubectl-describe"),
        lambda: (f"Environment={name}={token}", "systemd"),
        lambda: (f'      + {name.lower()} = "{token}"', "terraform-plan"),
        lambda: (f"{{'{name}': '{token}'}}", "python-repr"),
    ])()


def coloured(r, token, secret):
    """The token in coloured output: jq -C, a syntax highlighter, git diff, or grep --color
    highlighting part of it."""
    kind = r.random()
    if kind < 0.3:
        return jq_colour("value", token), "jq-colour"
    if kind < 0.45:
        return (f'{ESC}[34m    return{ESC}[39m Client({ESC}[33m"{token}"{ESC}[39m, timeout{ESC}[35m={ESC}[39m{ESC}[94m30{ESC}[39m)',
                "highlighted-code")
    if kind < 0.6:
        return f"{ESC}[32m+upstream_credential = {token}{ESC}[m", "git-diff"
    cut = r.randint(len(token) - len(secret) + 1, len(token) - 1)
    end = r.randint(cut + 1, len(token))
    highlighted = f"{token[:cut]}{ESC}[01;31m{ESC}[K{token[cut:end]}{ESC}[m{ESC}[K{token[end:]}"
    return f"config/app.env:{r.randint(1, 80)}:{highlighted}", "grep-colour"


def token(make, names, secret=None, contexts=("neutral", "named", "coloured")):
    """A token recognisable by its shape; `secret(token)` is the part that must be masked."""
    def plant(r, count):
        plants = []
        for i in range(count):
            value = make(r)
            hidden = secret(value) if secret else value
            kind = contexts[i % len(contexts)]
            if kind == "neutral":
                text, ctx = neutral(r, value)
            elif kind == "named":
                text, ctx = named(r, value, r.choice(names))
            else:
                text, ctx = coloured(r, value, hidden)
            plants.append(Plant(text, hidden, ctx, coloured=(kind == "coloured")))
        return plants
    return plant


def assigned(make, names):
    """A value recognisable only by the name it is assigned to."""
    def plant(r, count):
        plants = []
        for i in range(count):
            value = make(r)
            name = r.choice(names)
            if i == count - 1:
                plants.append(Plant(jq_colour(name, value), value, "jq-colour", coloured=True))
            else:
                text, ctx = named(r, value, name)
                plants.append(Plant(text, value, ctx))
        return plants
    return plant


def custom(*makers):
    """Each maker returns (text, secret or [secrets], context); used in turn."""
    def plant(r, count):
        plants = []
        for i in range(count):
            text, secrets, ctx = makers[i % len(makers)](r)
            plants.append(Plant(text, secrets, ctx, coloured=ESC in text))
        return plants
    return plant


def g(prefix, charset, n, suffix=""):
    return lambda r: prefix + r.mixed(charset, n) + suffix


# --- checksummed and structured values --------------------------------------------------

def luhn_complete(r, prefix, length):
    body = prefix + r.s(D, length - len(prefix) - 1)
    for c in D:
        number = body + c
        total = 0
        for i, ch in enumerate(reversed(number)):
            v = int(ch)
            if i % 2 == 1:
                v *= 2
                if v > 9:
                    v -= 9
            total += v
        if total % 10 == 0:
            return number


def card(r):
    prefix, length = r.choice([("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15),
                               ("37", 15), ("6011", 16), ("65", 16), ("3530", 16), ("62", 16), ("4", 19)])
    while True:
        number = luhn_complete(r, prefix + r.s(D, 2), length)
        if len(set(number[1:])) > 1:
            break
    style = r.random()
    if length == 15 and style < 0.4:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    if length == 16 and style < 0.3:
        return " ".join(number[i:i + 4] for i in range(0, 16, 4))
    if length == 16 and style < 0.5:
        return "-".join(number[i:i + 4] for i in range(0, 16, 4))
    return number


IBAN_LENGTHS = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "CH": 21, "AT": 20, "PL": 28,
                "SE": 24, "NO": 15, "DK": 18, "FI": 18, "IE": 22, "PT": 25}


def iban(r):
    country = r.choice(sorted(IBAN_LENGTHS))
    length = IBAN_LENGTHS[country]
    if country in ("GB", "NL", "IE"):
        bban = r.s(string.ascii_uppercase, 4) + r.s(D, length - 8)
    else:
        bban = r.s(D, length - 4)
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    value = f"{country}{98 - number % 97:02d}{bban}"
    if r.random() < 0.4:
        value = " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    return value


def ssn(r):
    while True:
        area = r.randint(1, 899)
        if area != 666:
            return f"{area:03d}-{r.randint(1, 99):02d}-{r.randint(1, 9999):04d}"


def jwt(r, payload):
    header = r.b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = r.b64url(json.dumps(payload, separators=(",", ":")).encode())
    return f"{header}.{body}.{r.b64url(r.randbytes(32))}"


def k8s_token(r):
    header = r.b64url(json.dumps({"alg": "RS256", "kid": r.s(B64U, 43)}, separators=(",", ":")).encode())
    payload = {"aud": ["https://kubernetes.default.svc.cluster.local"], "exp": 1795000000 + r.randint(0, 10 ** 6),
               "iat": 1764000000, "iss": "https://kubernetes.default.svc.cluster.local",
               "kubernetes.io": {"namespace": "ci", "pod": {"name": f"runner-{r.s(ANL, 5)}", "uid": r.uuid()},
                                 "serviceaccount": {"name": "builder", "uid": r.uuid()}},
               "sub": "system:serviceaccount:ci:builder"}
    body = r.b64url(json.dumps(payload, separators=(",", ":")).encode())
    return f"{header}.{body}.{r.b64url(r.randbytes(256))}"


def pem(r, kind="RSA PRIVATE KEY", lines=8):
    body = [r.b64(48) for _ in range(lines)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(body) + f"\n-----END {kind}-----", "\n".join(body)


def discord_token(r):
    snowflake = str(r.randint(1, 9)) + r.s(D, r.choice([17, 18]))
    first = base64.b64encode(snowflake.encode()).decode().rstrip("=")
    return f"{first}.{r.s(B64U, 6)}.{r.s(B64U, r.choice([27, 38]))}"


def twitter_bearer(r):
    return "A" * 21 + r.choice(ANU.replace("A", "")) + r.s(AN, 30) + "%3D" + r.s(AN, 50)


def url_pw(r):
    """A password as people choose them for services: starts with a letter or digit."""
    return r.choice(AN) + r.mixed(AN + "-_.~!*", r.randint(11, 23))
