#!/usr/bin/env python3
"""Turns a public scanner catalogue's own test strings into a samples folder for score.py.

Usage: extract.py gitleaks|trufflehog|detect-secrets|noseyparker|kingfisher|whispers|secretlint|ripsecrets|semgrep|presidio CHECKOUT OUT_DIR [--seed N]

CHECKOUT is a local copy of the catalogue (gitleaks: the folder holding cmd/generate;
trufflehog: the folder holding pkg/detectors; detect-secrets: the folder holding
tests/plugins; noseyparker and kingfisher: any folder above their rules' YAML files,
read with PyYAML; whispers: its repository root; secretlint: its
repository root, holding packages/@secretlint; ripsecrets, semgrep and presidio: their repository roots). OUT_DIR gets one JSON file per rule:
{"rule": id, "structured": bool, "positives": [{"text": …, "secrets": […]}], "negatives": […]}.
Nothing here contains a catalogue's text: every string is read from CHECKOUT at run time,
and OUT_DIR must stay outside the repository (the samples are the catalogue's, not ours).

gitleaks and trufflehog write their cases as Go expressions (string literals, `+`, fmt.Sprintf,
gitleaks' random-secret generator, `[]string{…}`, append). A small evaluator reads the
common ones; a case it cannot read is skipped and counted.
"""
import json
import os
import random
import re
import warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
import sre_constants  # noqa: E402
import sre_parse  # noqa: E402
import string
import sys

# ---------------------------------------------------------------- Go expressions

TOKEN = re.compile(r'''
    (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.)+')
  | (?P<num>\d+)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<ellipsis>\.\.\.)
  | (?P<op>:=|[-+(){}\[\],:=*&.|])
  | (?P<space>\s+|//[^\n]*|/\*.*?\*/)
''', re.S | re.X)


class Unreadable(Exception):
    pass


def tokens(source):
    out, pos = [], 0
    while pos < len(source):
        m = TOKEN.match(source, pos)
        if not m:
            out.append(("other", source[pos]))
            pos += 1
            continue
        pos = m.end()
        if m.lastgroup != "space":
            out.append((m.lastgroup, m.group()))
    return out


def go_string(tok):
    kind, text = tok
    if kind == "raw":
        return text[1:-1]
    body = text[1:-1]
    # Go and Python share the escapes that matter here (\n \t \" \\ \xNN \uNNNN).
    return body.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in body else body


def sprintf(fmt, args):
    out, i, n = [], 0, 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt):
            j = i + 1
            while j < len(fmt) and fmt[j] in "0123456789.+-# ":
                j += 1
            verb = fmt[j] if j < len(fmt) else ""
            if verb == "%":
                out.append("%")
            elif verb in "svdqx":
                if n >= len(args):
                    raise Unreadable("sprintf args")
                a = args[n]
                n += 1
                out.append('"%s"' % a if verb == "q" else str(a))
            else:
                raise Unreadable("verb " + verb)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Evaluator:
    """Evaluates the Go expressions the catalogues use for their test strings."""

    def __init__(self, variables, functions):
        self.vars = variables
        self.funcs = functions

    def parse(self, toks):
        self.toks, self.i = toks, 0
        value = self.expr()
        return value

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", "")

    def take(self, text=None):
        tok = self.peek()
        if text is not None and tok[1] != text:
            raise Unreadable("expected %s got %s" % (text, tok[1]))
        self.i += 1
        return tok

    def expr(self):
        value = self.term()
        while self.peek()[1] == "+":
            self.take()
            right = self.term()
            if isinstance(value, str) and isinstance(right, str):
                value = value + right
            elif isinstance(value, int) and isinstance(right, int):
                value = value + right
            else:
                raise Unreadable("+ on " + type(value).__name__)
        return value

    def args(self):
        self.take("(")
        values, spread = [], False
        while self.peek()[1] != ")":
            values.append(self.expr())
            if self.peek()[0] == "ellipsis":
                self.take()
                spread = True
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        return values, spread

    def term(self):
        kind, text = self.peek()
        if kind in ("raw", "str"):
            self.take()
            return go_string((kind, text))
        if kind == "num":
            self.take()
            return int(text)
        if text == "[":  # []string{…}
            self.take("[")
            self.take("]")
            self.take()  # element type
            self.take("{")
            items = []
            while self.peek()[1] != "}":
                items.append(self.expr())
                if self.peek()[1] == ",":
                    self.take()
            self.take("}")
            return items
        if kind == "ident":
            self.take()
            if text == "nil":
                return []
            if self.peek()[1] == "(":
                values, spread = self.args()
                return self.call(text, values, spread)
            if text in self.vars:
                value = self.vars[text]
                return value() if callable(value) else value
            raise Unreadable("unknown name " + text)
        raise Unreadable("unexpected " + text)

    def call(self, name, values, spread):
        short = name.split(".")[-1]
        if name == "append":
            base = list(values[0])
            for v in values[1:]:
                base.extend(v if isinstance(v, list) else [v])
            return base
        if short == "Sprintf":
            return sprintf(values[0], values[1:])
        if short == "Repeat":
            return values[0] * values[1]
        if short in ("ToUpper", "ToLower"):
            return values[0].upper() if short == "ToUpper" else values[0].lower()
        if short in self.funcs:
            return self.funcs[short](*values)
        raise Unreadable("unknown function " + name)


# ---------------------------------------------------------------- random strings from a regex

def random_from_regex(pattern, rng):
    """A random string matching `pattern` (the subset the catalogues' generators use)."""
    pattern = pattern.replace(r"\z", "").replace("(?i)", "")
    parsed = sre_parse.parse(pattern)
    return "".join(_generate(parsed, rng))


def _generate(items, rng):
    out = []
    for op, av in items:
        if op == sre_constants.LITERAL:
            out.append(chr(av))
        elif op == sre_constants.IN:
            out.append(_pick_class(av, rng))
        elif op == sre_constants.ANY:
            out.append(rng.choice(string.ascii_letters + string.digits))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            high = low + 8 if high == sre_constants.MAXREPEAT else high
            for _ in range(rng.randint(low, max(low, high))):
                out.extend(_generate(sub, rng))
        elif op == sre_constants.SUBPATTERN:
            out.extend(_generate(av[-1], rng))
        elif op == sre_constants.BRANCH:
            out.extend(_generate(rng.choice(av[1]), rng))
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            pass
        elif op == sre_constants.CATEGORY:
            out.append(_category(av, rng))
        else:
            raise Unreadable("regex op %s" % op)
    return out


def _category(cat, rng):
    if cat == sre_constants.CATEGORY_DIGIT:
        return rng.choice(string.digits)
    if cat == sre_constants.CATEGORY_WORD:
        return rng.choice(string.ascii_letters + string.digits + "_")
    if cat == sre_constants.CATEGORY_SPACE:
        return " "
    raise Unreadable("category")


def _pick_class(av, rng):
    chars, negate = [], False
    for op, v in av:
        if op == sre_constants.NEGATE:
            negate = True
        elif op == sre_constants.LITERAL:
            chars.append(chr(v))
        elif op == sre_constants.RANGE:
            chars.extend(chr(c) for c in range(v[0], v[1] + 1))
        elif op == sre_constants.CATEGORY:
            chars.extend({sre_constants.CATEGORY_DIGIT: string.digits,
                          sre_constants.CATEGORY_WORD: string.ascii_letters + string.digits + "_",
                          sre_constants.CATEGORY_SPACE: " "}.get(v, ""))
    if negate:
        chars = [c for c in string.ascii_letters + string.digits if c not in chars]
    if not chars:
        raise Unreadable("empty class")
    return rng.choice(chars)


def go_regex_to_python(pattern):
    pattern = pattern.replace(r"\z", r"\Z").replace("[[:alnum:]]", "[A-Za-z0-9]").replace("[:alnum:]", "A-Za-z0-9")
    pattern = pattern.replace("(?P<", "(?P<")
    flags = 0
    # Python wants global flags at the very start.
    m = re.match(r"^\(\?([imsU]+)\)", pattern)
    if m:
        pattern = pattern[m.end():]
        flags |= re.I if "i" in m.group(1) else 0
        flags |= re.S if "s" in m.group(1) else 0
    pattern = re.sub(r"\(\?([ims]+)\)", "", pattern)  # mid-pattern global flags: dropped
    return re.compile(pattern, flags)


# ---------------------------------------------------------------- Go source helpers

def balanced(source, start, open_ch="(", close_ch=")"):
    """The text from source[start] (an opening bracket) to its closing bracket, inclusive."""
    depth, i = 0, start
    toks = TOKEN.finditer(source, start)
    for m in toks:
        t = m.group()
        if m.lastgroup in ("raw", "str", "rune", "space"):
            continue
        if t == open_ch:
            depth += 1
        elif t == close_ch:
            depth -= 1
            if depth == 0:
                return source[start:m.end()]
    raise Unreadable("unbalanced")


def top_level_vars(source, evaluator):
    """`var x = "…"`, `const x = …` and `var ( … )` blocks of string constants."""
    found = {}
    for m in re.finditer(r'^(?:var|const)\s*\(\s*\n(.*?)^\)', source, re.S | re.M):
        block = m.group(1)
        for am in re.finditer(r'^\s*([A-Za-z_]\w*)(?:\s+string)?\s*=\s*', block, re.M):
            if am.group(1) in found:
                continue
            try:
                found[am.group(1)] = evaluator.parse(tokens(_expression_at(block, am.end())))
                evaluator.vars.update(found)
            except Unreadable:
                pass
    for m in re.finditer(r'^(?:var|const)\s+([A-Za-z_]\w*)(?:\s+string)?\s*=\s*', source, re.M):
        try:
            found[m.group(1)] = evaluator.parse(tokens(_expression_at(source, m.end())))
            evaluator.vars.update(found)
        except Unreadable:
            pass
    return found


def _assign(line, found, evaluator):
    m = re.match(r'\s*([A-Za-z_]\w*)(?:\s+string)?\s*=\s*(.+?)\s*(?://.*)?$', line)
    if not m:
        return
    try:
        found[m.group(1)] = evaluator.parse(tokens(m.group(2)))
        evaluator.vars.update(found)
    except Unreadable:
        pass


# ---------------------------------------------------------------- gitleaks

def gitleaks(root, rng, skipped):
    config = os.path.join(root, "cmd", "generate", "config")
    generate = open(os.path.join(config, "utils", "generate.go")).read()
    samples_src = balanced(generate, generate.index("{", generate.index("samples := map[string]string")), "{", "}")
    templates = [go_string(t) for t in _map_values(samples_src)]
    single = re.search(r'func GenerateSampleSecret\(.*?Sprintf\((`[^`]*`|"(?:[^"\\]|\\.)*")', generate, re.S)
    single_fmt = go_string(("raw" if single.group(1)[0] == "`" else "str", single.group(1)))
    patterns_src = open(os.path.join(config, "utils", "patterns.go")).read()
    pattern_funcs = {}
    for m in re.finditer(r'func (\w+)\((?:size string)?\) string \{\s*return (?:fmt\.Sprintf\()?(`[^`]*`)', patterns_src):
        body = m.group(2)[1:-1]
        pattern_funcs[m.group(1)] = (lambda b: lambda size="": b.replace("%s", str(size)))(body)

    current = {"secrets": []}

    def new_secret(pattern):
        value = random_from_regex(pattern, rng)
        current["secrets"].append(value)
        return value

    def sample_secrets(identifier, secret):
        current["secrets"].append(secret)
        return [t.replace("{i}", identifier).replace("{I}", identifier.upper()).replace("{s}", secret) for t in templates]

    def sample_secret(identifier, secret):
        current["secrets"].append(secret)
        return sprintf(single_fmt, [identifier, secret])

    funcs = dict(pattern_funcs)
    funcs.update({"NewSecret": new_secret, "GenerateSampleSecrets": sample_secrets, "GenerateSampleSecret": sample_secret})
    rules_dir = os.path.join(config, "rules")
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(".go") or name.endswith("_test.go"):
            continue
        source = open(os.path.join(rules_dir, name)).read()
        base = Evaluator({}, funcs)
        file_vars = top_level_vars(source, base)
        for fm in re.finditer(r'^func (\w+)\(\) \*config\.Rule \{', source, re.M):
            body = balanced(source, fm.end() - 1, "{", "}")
            rid = re.search(r'RuleID:\s*"([^"]+)"', body)
            if not rid:
                continue
            regex_text = _gitleaks_regex(body, pattern_funcs, skipped)
            group = re.search(r'SecretGroup:\s*(\d+)', body)
            structured = bool(re.search(r'Regex:\s*(?:utils\.GenerateUniqueTokenRegex|regexp\.MustCompile)', body))
            ev = Evaluator(dict(file_vars), funcs)
            lists = {"tps": [], "fps": []}
            for am in re.finditer(r'^\s*(\w+)\s*(:=|=)\s*', body, re.M):
                var = am.group(1)
                expr = _expression_at(body, am.end())
                current["secrets"] = []
                try:
                    value = ev.parse(tokens(expr))
                except Unreadable as e:
                    if var in ("tps", "fps"):
                        skipped.append("%s %s: %s" % (rid.group(1), var, e))
                    continue
                ev.vars[var] = value
                if var in ("tps", "fps") and isinstance(value, list):
                    known = {t: sec for t, sec in lists[var]}
                    lists[var] = [(v, known.get(v, list(current["secrets"]))) for v in value if isinstance(v, str)]
            compiled = None
            if regex_text:
                try:
                    compiled = go_regex_to_python(regex_text)
                except re.error:
                    compiled = None
            positives = []
            for text, generated in lists["tps"]:
                secrets = [s for s in generated if s in text]
                # A generated body inside the secret passed on (prefix + body): keep the whole.
                secrets = [s for s in secrets if not any(s != o and s in o for o in secrets)]
                if not secrets and compiled:
                    m = compiled.search(text)
                    if m:
                        g = int(group.group(1)) if group else 0
                        value = m.group(g) if g and g <= (compiled.groups or 0) else next((x for x in m.groups() if x), m.group(0))
                        if value:
                            secrets = [value]
                positives.append({"text": text, "secrets": secrets, "tokens": [whole_token(text, x) for x in secrets]})
            yield {"rule": rid.group(1), "structured": structured, "file": name,
                   "positives": positives, "negatives": [t for t, _ in lists["fps"]]}


def whole_token(text, secret):
    """The secret widened to the token it sits in (a prefix the catalogue's group left out,
    `p8e-` of an Adobe secret, the rest of a Slack token around a generated number)."""
    at = text.find(secret)
    if at < 0:
        return secret
    start, end = at, at + len(secret)
    word = set(string.ascii_letters + string.digits + "_-")
    while start > 0 and text[start - 1] in word:
        start -= 1
    while end < len(text) and text[end] in word:
        end += 1
    return text[start:end]


def _map_values(source):
    toks = tokens(source)
    values = []
    for i in range(len(toks) - 2):
        if toks[i][0] in ("str", "raw") and toks[i + 1][1] == ":" and toks[i + 2][0] in ("str", "raw"):
            values.append(toks[i + 2])
    return values


def _expression_at(body, start):
    """The Go expression starting at `start`, up to the end of its statement."""
    depth, i = 0, start
    for m in TOKEN.finditer(body, start):
        t = m.group()
        if m.lastgroup == "space" and "\n" in t and depth == 0:
            prev = body[start:m.start()].rstrip()
            if not prev.endswith(("+", ",", "(", "{")):
                return body[start:m.start()]
        if m.lastgroup in ("raw", "str", "rune", "space"):
            continue
        if t in "([{":
            depth += 1
        elif t in ")]}":
            depth -= 1
            if depth < 0:
                return body[start:m.start()]
    return body[start:]


def _gitleaks_regex(body, pattern_funcs, skipped):
    m = re.search(r'Regex:\s*', body)
    if not m:
        return None
    expr = _expression_at(body, m.end()).rstrip().rstrip(",")
    ev = Evaluator({}, dict(pattern_funcs))

    def unique(secret, caseless=False):
        return ("(?i)" if caseless else "") + r"\b(" + secret + r")(?:[\x60'\"\s;]|\\[nr]|$)"

    def semi(identifiers, secret, caseless=False):
        names = "|".join(identifiers)
        return r"(?i)[\w.-]{0,50}?(?:" + names + r")(?:[ \t\w.-]{0,20})[\s'\"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'\"\s=]{0,5}(" + secret + r")(?:[\x60'\"\s;]|\\[nr]|$)"

    ev.funcs.update({"MustCompile": lambda p: p, "GenerateUniqueTokenRegex": unique, "GenerateSemiGenericRegex": semi,
                     "MergeRegexps": lambda *ps: "|".join(ps)})
    ev.vars.update({"true": True, "false": False})
    try:
        return ev.parse(tokens(expr))
    except Unreadable:
        return None


# ---------------------------------------------------------------- trufflehog

def trufflehog(root, skipped):
    detectors = os.path.join(root, "pkg", "detectors")
    for name in sorted(os.listdir(detectors)):
        folder = os.path.join(detectors, name)
        if not os.path.isdir(folder):
            continue
        for dirpath, _, files in os.walk(folder):
            for f in sorted(files):
                if not f.endswith("_test.go") or "integration" in f:
                    continue
                source = open(os.path.join(dirpath, f)).read()
                impl = "".join(open(os.path.join(dirpath, g)).read() for g in files if g.endswith(".go") and not g.endswith("_test.go"))
                structured = "PrefixRegex(" not in impl
                rule = os.path.relpath(dirpath, detectors).replace(os.sep, "/")
                yield from _trufflehog_file(rule, source, structured, skipped)


def _trufflehog_file(rule, source, structured, skipped):
    ev = Evaluator({}, {})
    ev.vars.update(top_level_vars(source, ev))
    positives, negatives = [], []
    for fm in re.finditer(r'^func (Test\w*_Pattern)\(', source, re.M):
        body = balanced(source, source.index("{", fm.end()), "{", "}")
        # Local string variables.
        for am in re.finditer(r'^\s*(\w+)\s*:?=\s*(?=["`]|fmt\.|strings\.)', body, re.M):
            try:
                ev.vars[am.group(1)] = ev.parse(tokens(_expression_at(body, am.end())))
            except Unreadable:
                pass
        for cm in re.finditer(r'\binput:\s*', body):
            try:
                text = ev.parse(tokens(_expression_at(body, cm.end()).rstrip().rstrip(",")))
                wm = re.compile(r'\bwant:\s*').search(body, cm.end())
                next_input = body.find("input:", cm.end())
                want = []
                if wm and (next_input < 0 or wm.start() < next_input):
                    want = ev.parse(tokens(_expression_at(body, wm.end()).rstrip().rstrip(",")))
            except Unreadable as e:
                skipped.append("%s: %s" % (rule, e))
                continue
            if not isinstance(text, str):
                continue
            if want:
                secrets = []
                for w in want if isinstance(want, list) else [want]:
                    if not isinstance(w, str):
                        continue
                    if w in text:
                        secrets.append(w)
                    else:  # a combination (id:secret): its longest piece found in the text
                        pieces = sorted((p for p in re.split(r"[^A-Za-z0-9_+/=.~-]+", w) if len(p) >= 8 and p in text), key=len)
                        if pieces:
                            secrets.append(pieces[-1])
                positives.append({"text": text, "secrets": secrets, "tokens": [whole_token(text, x) for x in secrets]})
            else:
                negatives.append(text)
    if positives or negatives:
        yield {"rule": rule, "structured": structured, "positives": positives, "negatives": negatives}


# ---------------------------------------------------------------- detect-secrets

def detect_secrets(root):
    """`@pytest.mark.parametrize('payload, should_flag', [...])` tables of the plugin tests,
    read with Python's own parser (literal values only)."""
    import ast
    folder = os.path.join(root, "tests", "plugins")
    name_based = {"keyword", "high_entropy_strings", "base", "basic_auth", "ip_public"}
    for name in sorted(os.listdir(folder)):
        if not name.endswith("_test.py"):
            continue
        plugin = name[:-len("_test.py")]
        tree = ast.parse(open(os.path.join(folder, name)).read())
        positives, negatives = [], []
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2):
                continue
            try:
                names = [n.strip() for n in ast.literal_eval(node.args[0]).split(",")]
                rows = ast.literal_eval(node.args[1])
            except (ValueError, SyntaxError, AttributeError):
                continue
            if "should_flag" not in names:
                continue
            text_at = next((i for i, n in enumerate(names) if n in ("payload", "line")), None)
            flag_at = names.index("should_flag")
            for row in rows:
                if text_at is None or not isinstance(row, tuple) or not isinstance(row[text_at], str):
                    continue
                if row[flag_at]:
                    positives.append({"text": row[text_at], "secrets": []})
                else:
                    negatives.append(row[text_at])
        if positives or negatives:
            yield {"rule": plugin, "structured": plugin not in name_based, "positives": positives, "negatives": negatives}


# ---------------------------------------------------------------- Nosey Parker and Kingfisher

def yaml_rules(root, skipped):
    """Rules in YAML (`rules: [{id, pattern, examples, negative_examples}]`), Nosey Parker's
    and Kingfisher's shared layout. An example is one string; the secret is the part the
    rule's own regex captures, found with Python's `re` where the Rust syntax translates."""
    import yaml
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if not f.endswith((".yml", ".yaml")):
                continue
            try:
                doc = yaml.safe_load(open(os.path.join(dirpath, f)))
            except yaml.YAMLError as e:
                skipped.append("%s: YAML %s" % (f, str(e).splitlines()[0]))
                continue
            if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
                continue
            for rule in doc["rules"]:
                if isinstance(rule, dict) and rule.get("id") and rule.get("pattern"):
                    yield _yaml_rule(rule, f, skipped)


def _yaml_rule(rule, file, skipped):
    rid = rule["id"]
    try:
        compiled = rust_regex_to_python(rule["pattern"])
    except re.error as e:
        compiled = None
        skipped.append("%s: regex not read by Python (%s); its examples count by any change" % (rid, e))
    positives = []
    for text in rule.get("examples") or []:
        if not isinstance(text, str):
            continue
        secrets = []
        if compiled:
            m = compiled.search(text)
            if m:
                secrets = [_captured_secret(m, text)]
            else:
                skipped.append("%s: regex does not match its example; it counts by any change" % rid)
        positives.append({"text": text, "secrets": secrets, "tokens": [whole_token(text, x) for x in secrets]})
    negatives = [t for t in (rule.get("negative_examples") or []) + (rule.get("non_examples") or []) if isinstance(t, str)]
    return {"rule": rid, "structured": not _has_context_gap(rule["pattern"]), "file": file,
            "positives": positives, "negatives": negatives}


def _captured_secret(m, text):
    """The secret of a match: with one group, that group; with several (user then password,
    host then user then password, account then key, id then secret), the last non-empty
    group that is neither nested in another nor a host after `@` nor a path; with none,
    the whole match."""
    spans = [(m.start(g), m.end(g)) for g in range(1, (m.re.groups or 0) + 1) if m.group(g)]
    outer = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    keep = [s for s in outer if not (s[0] > 0 and text[s[0] - 1] == "@") and not text[s[0]:s[1]].startswith("/")]
    chosen = (keep or outer or [(m.start(), m.end())])[-1]
    return text[chosen[0]:chosen[1]]


def _has_context_gap(pattern):
    """A rule that needs a word before its first capture (`adobe(?:.|[\\n\\r]){0,32}?(…)`,
    `aws.?session…=(…)`) is context-based; one whose pattern starts at the token is structured."""
    body = re.sub(r"\(\?#[^)]*\)|#[^\n]*|\\.", " ", pattern)
    first = re.search(r"\((?!\?)|\(\?P?<[A-Za-z]", body)
    return bool(re.search(r"[A-Za-z]{3}", body[:first.start()] if first else body))


RUST_FLAG = re.compile(r"\(\?([imsxU]+)\)")


def rust_regex_to_python(pattern):
    """Rust's regex syntax as Python's `re` reads it: flags anywhere lifted to the front
    (a scoped `(?s)` becomes global, which only widens), `(?<n>` named groups, `\z`, POSIX
    classes, and whitespace inside classes under `x` (Rust ignores it there, Python not)."""
    flags = set()

    def lift(m):
        flags.update(m.group(1))
        return ""

    body = RUST_FLAG.sub(lift, pattern)
    body = body.replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!").replace(r"\z", r"\Z")
    for name, chars in (("alnum", "A-Za-z0-9"), ("alpha", "A-Za-z"), ("digit", "0-9"), ("xdigit", "0-9A-Fa-f"),
                        ("upper", "A-Z"), ("lower", "a-z"), ("space", r"\s"), ("punct", r"!-/:-@\[-`{-~")):
        body = body.replace("[:%s:]" % name, chars)
    if "x" in flags:
        body = _strip_class_space(body)
    value = 0
    for flag, bit in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)):
        value |= bit if flag in flags else 0
    return re.compile(body, value)


def _strip_class_space(body):
    out, i, depth = [], 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(body[i:i + 2])
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]" and depth:
            depth -= 1
        elif depth and c in " \t\n":
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


# ---------------------------------------------------------------- whispers

WHISPERS_MARK = re.compile(r"hardcoded", re.I)
# A section marker: `# Noncompliant`, `noncompliant:`, `<compliant>`, `[incompliant]`, `"compliant": {`.
WHISPERS_SECTION = re.compile(r"""(?i)[\s#/<!\[{"-]*(?:(non|in)-?)?compliant[\s"\]>:{-]*""")
WHISPERS_TOKEN = re.compile(r"""[^\s'"`<>,;:=@/(){}\[\]|\\]+(?:=+(?=["'\s,<]|$))?""")
# Fixtures whose expected findings are not secrets (HTML comments), not text (folders), or
# that test whispers' own options (excluded.*: values its configuration allows).
WHISPERS_SKIP = {"language.html", "folder", "invalid.json", "ruleslist.yml", "severity.yml", "paths.yml",
                 "excluded.json", "excluded.xml", "excluded.yml"}


def whispers(root, skipped):
    """Skyscanner/whispers' fixtures. Its tests (tests/unit/test_secrets.py) expect every
    value it reports to contain "hardcoded" (or to be base64 of it, or a number), and only
    in a file's non-compliant part: below a `Noncompliant`/`Non-compliant`/`incompliant`
    marker (comment, key, XML element, INI section), and above the next `compliant` one.
    Those values are the secrets here, with the values of the keys its test_detection_by_key
    names for a fixture (`aws_key`, a private key's body); every other non-blank line of a fixture is a negative.
    A positive is the secret's line with the lines above it back to the previous line holding
    the same value, so the structure above it (an XML element, a `-e` continuation) is there
    but a copy of the value that maskrun learned earlier is not."""
    import base64
    folder = os.path.join(root, "tests", "fixtures")
    # test_detection_by_key: the keys whose values whispers must report, per fixture.
    tests = open(os.path.join(root, "tests", "unit", "test_secrets.py")).read()
    table = tests[tests.index("def test_detection_by_key") - 1200:tests.index("def test_detection_by_key")]
    by_key = {m.group(1): re.findall(r'"([^"]+)"', m.group(2)) for m in re.finditer(r'\("([^"]+)", \[([^\]]*)\]\)', table)}
    for dirpath, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(dirpath, f), folder)
            if rel in WHISPERS_SKIP or rel.split(os.sep)[0] in WHISPERS_SKIP:
                continue
            lines = open(os.path.join(dirpath, f), errors="surrogateescape").read().split("\n")
            bad = True  # above any marker (a constant declared before `// Compliant`)
            positives, negatives = [], []
            for i, line in enumerate(lines):
                section = WHISPERS_SECTION.fullmatch(line)
                if section:
                    bad = bool(section.group(1))
                    continue
                secrets = []
                for tm in WHISPERS_TOKEN.finditer(line) if bad else []:
                    tok = tm.group()
                    if (re.match(r"""["']?\s*[:=]""", line[tm.end():]) and re.search(r"""(?:^|[{,])[\s"'-]*$""", line[:tm.start()])) \
                            or line[:tm.start()].endswith(("<", "</")):
                        continue  # a key or an element's name, not a value
                    if WHISPERS_MARK.search(tok) or (tok.isdigit() and len(tok) >= 13):
                        secrets.append(tok)
                        continue
                    try:
                        if len(tok) >= 8 and b"hardcoded" in base64.b64decode(tok + "=" * (-len(tok) % 4), validate=True):
                            secrets.append(tok)
                    except ValueError:
                        pass
                for key in by_key.get(rel, []) if bad else []:
                    km = re.search(r"""(?:^|[\s"'<])%s["'>]?\s*[:=>]*\s*(.*)""" % re.escape(key), line)
                    if km:
                        value = max(WHISPERS_TOKEN.findall(km.group(1).replace("\\n", " ")) or [""], key=len)
                        if len(value) >= 5 and value not in secrets:
                            secrets.append(value)
                for s in secrets:
                    start = next((j + 1 for j in range(i - 1, -1, -1) if s in lines[j]), 0)
                    positives.append({"text": "\n".join(lines[start:i + 1]), "secrets": [s], "tokens": [s]})
                if not secrets and line.strip() and not bad:
                    negatives.append(line)
            if positives or negatives:
                yield {"rule": rel.replace(os.sep, "/"), "structured": False, "file": rel,
                       "positives": positives, "negatives": negatives}


# ---------------------------------------------------------------- secretlint

# Rules that report a file's kind or a user's own pattern, not a secret value in the text.
SECRETLINT_SKIP = {"no-dotenv", "no-homedir", "filter-comments", "pattern", "example", "no-k8s-kind-secret",
                   "internal-test-cjs", "internal-test-esm", "preset-canary", "preset-recommend"}


def secretlint(root, skipped):
    """secretlint's rule packages: each `test/snapshots/NAME/` holds an input file and the
    rule's expected `output.json`. A snapshot with messages is a positive whose secrets are
    the strings of each message's `data` found in the input (the longest, where several are);
    one with none is a negative."""
    base = os.path.join(root, "packages", "@secretlint")
    for package in sorted(os.listdir(base)):
        if not package.startswith("secretlint-rule-") or package[len("secretlint-rule-"):] in SECRETLINT_SKIP:
            continue
        snapshots = os.path.join(base, package, "test", "snapshots")
        if not os.path.isdir(snapshots):
            continue
        positives, negatives = [], []
        for case in sorted(os.listdir(snapshots)):
            # `ok.NAME--option-value` and `options.*`: a case passing only under a rule option.
            if "--" in case or case.startswith("options."):
                continue
            out_file = os.path.join(snapshots, case, "output.json")
            if not os.path.exists(out_file):
                continue
            result = json.load(open(out_file))
            input_name = os.path.basename(result.get("filePath", "input"))
            input_file = os.path.join(snapshots, case, input_name)
            if not os.path.exists(input_file):
                skipped.append("%s/%s: no input" % (package, case))
                continue
            text = open(input_file, errors="surrogateescape").read()
            messages = result.get("messages") or []
            if not messages:
                negatives.append(text)
                continue
            secrets = []
            for m in messages:
                found = sorted((v for v in (m.get("data") or {}).values() if isinstance(v, str) and len(v) >= 8 and v in text), key=len)
                if found and found[-1] not in secrets:
                    secrets.append(found[-1])
            if not secrets:
                skipped.append("%s/%s: no secret string in its messages; counts by any change" % (package, case))
            positives.append({"text": text, "secrets": secrets, "tokens": secrets})
        if positives or negatives:
            yield {"rule": package[len("secretlint-rule-"):], "structured": True, "positives": positives, "negatives": negatives}


# ---------------------------------------------------------------- ripsecrets and semgrep

SECRET_TOKEN = re.compile(r"[A-Za-z0-9+/=_.~-]{8,}")


def _value_token(text):
    """The secret of a line whose corpus marks the line, not the value: a URL's password,
    else the longest run of token characters after the first assignment (`=`, `:`), else
    the longest in the line."""
    url = re.search(r"://[^:/@\s]+:([^@\s/]+)@", text)
    if url:
        return url.group(1)
    op = re.search(r"[=:]", text)
    tail = text[op.end():] if op else text
    found = sorted(SECRET_TOKEN.findall(tail) or SECRET_TOKEN.findall(text), key=len)
    return found[-1].strip("=") if found and found[-1].strip("=") else (found[-1] if found else None)


def ripsecrets(root, skipped):
    """sirwart/ripsecrets' test files: every line of `test/one_per_line/*` holds one secret,
    every file of `test/one_per_file/*` one, `test/none` none (its lines are negatives)."""
    test = os.path.join(root, "test")
    for kind in ("one_per_line", "one_per_file"):
        folder = os.path.join(test, kind)
        for f in sorted(os.listdir(folder)):
            text = open(os.path.join(folder, f), errors="surrogateescape").read()
            units = [l for l in text.split("\n") if l.strip()] if kind == "one_per_line" else [text]
            positives = []
            for unit in units:
                lines = [l for l in unit.split("\n") if SECRET_TOKEN.search(l)]
                # A file's secret: its longest token line (a key's body), else the line's value.
                value = _value_token(unit) if kind == "one_per_line" else max(
                    (t for l in lines for t in SECRET_TOKEN.findall(l)), key=len, default=None)
                if not value:
                    skipped.append("%s/%s: no token; counts by any change" % (kind, f))
                positives.append({"text": unit, "secrets": [value] if value else [], "tokens": [value] if value else []})
            yield {"rule": f, "structured": False, "positives": positives, "negatives": []}
    none = open(os.path.join(test, "none"), errors="surrogateescape").read()
    yield {"rule": "none", "structured": False, "positives": [], "negatives": [l for l in none.split("\n") if l.strip()]}


def semgrep_secrets(root, skipped):
    """semgrep-rules' `generic/secrets/security/`: each rule's test file marks a case with a
    comment line `ruleid: ID` (or `todoruleid:`, a secret the rule misses) or `ok: ID` (or
    `todook:`, a rule's false positive); the case is the lines after it up to a blank line or
    the next mark. A positive's secret is what the rule's own `pattern-regex` captures (its
    last outer group), else the value of the line."""
    import yaml
    folder = os.path.join(root, "generic", "secrets", "security")
    for f in sorted(os.listdir(folder)):
        if not f.endswith(".yaml"):
            continue
        stem = f[:-len(".yaml")]
        tests = [g for g in os.listdir(folder) if g.startswith(stem + ".") and g != f]
        if not tests:
            continue
        regexes = []

        def collect(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "pattern-regex" and isinstance(v, str):
                        try:
                            regexes.append(rust_regex_to_python(v.strip()))
                        except re.error:
                            pass
                    else:
                        collect(v)
            elif isinstance(node, list):
                for v in node:
                    collect(v)
        collect(yaml.safe_load(open(os.path.join(folder, f))))
        positives, negatives = [], []
        for test in tests:
            lines = open(os.path.join(folder, test), errors="surrogateescape").read().split("\n")
            i = 0
            while i < len(lines):
                mark = re.search(r"\b(todoruleid|ruleid|todook|ok):\s*[\w.-]+", lines[i])
                i += 1
                if not mark:
                    continue
                case = []
                while i < len(lines) and lines[i].strip() and not re.search(r"\b(todoruleid|ruleid|todook|ok):", lines[i]):
                    case.append(lines[i])
                    i += 1
                text = "\n".join(case)
                if not text:
                    continue
                if mark.group(1) in ("ok", "todook"):
                    negatives.append(text)
                    continue
                secret = None
                for rx in regexes:
                    m = rx.search(text)
                    if m:
                        secret = _captured_secret(m, text)
                        if re.search(r"[=:]\s*\S{8}", secret) and not re.search(r"://", secret):
                            secret = _value_token(secret)  # a match of name and value: its value
                        elif len(secret) < 8:
                            secret = whole_token(text, secret)  # a captured prefix (`AKIA`): its token
                        break
                if not secret:
                    secret = _value_token(text)
                    skipped.append("%s: its regex does not match its case; secret taken from the value" % stem)
                positives.append({"text": text, "secrets": [secret] if secret else [], "tokens": [secret] if secret else []})
        yield {"rule": stem, "structured": True, "positives": positives, "negatives": negatives}


# ---------------------------------------------------------------- presidio (personal data)

PRESIDIO_TESTS = ("credit_card", "iban", "us_ssn", "email", "phone")


def presidio(root, skipped):
    """microsoft/presidio's recognizer tests (`presidio-analyzer/tests/test_NAME_recognizer.py`
    for the personal data SPEC §3 names: cards, IBANs, US SSNs, emails, phones). Each
    `pytest.mark.parametrize` row whose first two fields are a text and an expected count
    is a case; its secrets are the text's spans at the expected positions, and a row
    expecting none is a negative. Read with `ast`, never run. Score with a policy of
    `builtin: all` (email and phone are opt-in)."""
    import ast
    tests = os.path.join(root, "presidio-analyzer", "tests")
    for name in PRESIDIO_TESTS:
        path = os.path.join(tests, "test_%s_recognizer.py" % name)
        if not os.path.exists(path):
            skipped.append("%s: no test file" % name)
            continue
        positives, negatives, seen = [], [], set()
        for node in ast.walk(ast.parse(open(path).read())):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2):
                continue
            try:
                fields = [f.strip() for f in ast.literal_eval(node.args[0]).split(",")]
                rows = ast.literal_eval(node.args[1])
            except (ValueError, SyntaxError, AttributeError):
                skipped.append("%s: a parametrize list it cannot read" % name)
                continue
            where = next((i for i, f in enumerate(fields) if f in ("expected_positions", "expected_res")), None)
            if len(fields) < 2 or fields[1] != "expected_len" or where is None:
                continue
            for row in rows:
                text, count, spans = row[0], row[1], row[where]
                if not isinstance(text, str) or text in seen:
                    continue  # a text repeated under another option (phone leniency): its first row
                seen.add(text)
                if count == 0:
                    negatives.append(text)
                    continue
                secrets = [text[a:b] for a, b in spans]
                if len(secrets) != count:
                    skipped.append("%s: %r: count and positions disagree" % (name, text))
                positives.append({"text": text, "secrets": secrets, "tokens": secrets})
        yield {"rule": "presidio-" + name, "structured": False, "positives": positives, "negatives": negatives}


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("gitleaks", "trufflehog", "detect-secrets", "noseyparker", "kingfisher", "whispers", "secretlint", "ripsecrets", "semgrep", "presidio"):
        sys.exit(__doc__)
    kind, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    repo = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
    if os.path.realpath(out).startswith(repo + os.sep):
        sys.exit("extract.py: OUT_DIR must be outside the repository (the samples are the catalogue's)")
    os.makedirs(out, exist_ok=True)
    skipped = []
    readers = {"gitleaks": lambda: gitleaks(root, random.Random(seed), skipped),
               "trufflehog": lambda: trufflehog(root, skipped), "detect-secrets": lambda: detect_secrets(root),
               "noseyparker": lambda: yaml_rules(root, skipped), "kingfisher": lambda: yaml_rules(root, skipped),
               "whispers": lambda: whispers(root, skipped), "secretlint": lambda: secretlint(root, skipped),
               "ripsecrets": lambda: ripsecrets(root, skipped), "semgrep": lambda: semgrep_secrets(root, skipped),
               "presidio": lambda: presidio(root, skipped)}
    rules = list(readers[kind]())
    seen = {}
    for r in rules:
        key = r["rule"]
        if key in seen:
            seen[key]["positives"] += r["positives"]
            seen[key]["negatives"] += r["negatives"]
        else:
            seen[key] = r
    for key, r in seen.items():
        with open(os.path.join(out, re.sub(r"[^A-Za-z0-9_.-]", "_", key) + ".json"), "w") as f:
            json.dump(r, f, indent=1)
    pos = sum(len(r["positives"]) for r in seen.values())
    neg = sum(len(r["negatives"]) for r in seen.values())
    print("%s: %d rules, %d positives, %d negatives, %d cases unreadable" % (kind, len(seen), pos, neg, len(skipped)))
    with open(os.path.join(out, "_skipped.txt"), "w") as f:
        f.write("\n".join(skipped) + "\n")


if __name__ == "__main__":
    main()
