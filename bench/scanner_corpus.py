#!/usr/bin/env python3
"""Recall and over-masking of `maskrun filter` on the public scanners' own test cases.

The true and false positives that detect-secrets and gitleaks publish for their rules were
written by people who never saw maskrun, so they measure it more honestly than
`bench/leaks`, whose cases share a hand with the detectors. Nothing of theirs is kept in
this repository: the script reads their checkouts at run time.

    CORPUS/detect-secrets   a checkout of github.com/Yelp/detect-secrets
    CORPUS/gitleaks         a checkout of github.com/gitleaks/gitleaks
    CORPUS/configs          optional: real configuration files (Kubernetes, compose,
                            Terraform, .properties, .env, CI YAML…) with no labels; every
                            line maskrun changes there is listed for review.

Cases come from detect-secrets' keyword tests (`tests/plugins/keyword_test.py`, read by
running its constant definitions) and from gitleaks' rule definitions
(`cmd/generate/config/rules/*.go`: each rule's `tps` and `fps`, with
`GenerateSampleSecrets` expanded into its ~30 syntaxes and the random secrets drawn from the
rule's own generator regexes). A positive counts as hidden when no 6 characters of its
secret that the rest of the case does not explain survive; where the scanner gives no
secret (a literal true positive), when the case changed at all. A negative counts as
over-masked when any of its lines changed.

Usage: bench/scanner_corpus.py CORPUS [--maskrun BIN] [--misses FAMILY-PREFIX] [--json FILE]
"""
import argparse
import collections
import difflib
import json
import os
import random
import re
import subprocess
import sys
import types

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_constants
except ImportError:  # pragma: no cover
    import sre_parse
    import sre_constants

SEPARATOR = "\n\n@@@@ case boundary @@@@\n\n"


class Case:
    def __init__(self, family, text, positive, secret=None):
        self.family = family
        self.text = text
        self.positive = positive
        self.secret = secret
        self.output = None


# --- random strings matching a regex (the scanners' secret generators) -------------------

PRINTABLE = [chr(c) for c in range(0x21, 0x7F)]


def generate(pattern, rng):
    """A random string matching `pattern` (Go/Python regex syntax), short repeats."""
    return _emit(sre_parse.parse(pattern), rng)


def _charset(items):
    allowed = set()
    negate = False
    for op, arg in items:
        if op == sre_constants.NEGATE:
            negate = True
        elif op == sre_constants.LITERAL:
            allowed.add(chr(arg))
        elif op == sre_constants.RANGE:
            allowed.update(chr(c) for c in range(arg[0], arg[1] + 1) if c < 0x7F)
        elif op == sre_constants.CATEGORY:
            name = str(arg)
            if "DIGIT" in name and "NOT" not in name:
                allowed.update("0123456789")
            elif "WORD" in name and "NOT" not in name:
                allowed.update("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
            elif "SPACE" in name and "NOT" not in name:
                allowed.add(" ")
            else:
                allowed.update("abcdefghijklmnopqrstuvwxyz")
    if negate:
        allowed = set(PRINTABLE) - allowed
    return sorted(allowed) or ["x"]


def _emit(parsed, rng):
    out = []
    for op, arg in parsed:
        if op == sre_constants.LITERAL:
            out.append(chr(arg))
        elif op == sre_constants.NOT_LITERAL:
            out.append(rng.choice([c for c in PRINTABLE if ord(c) != arg]))
        elif op == sre_constants.ANY:
            out.append(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789"))
        elif op == sre_constants.IN:
            out.append(rng.choice(_charset(arg)))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
            low, high, sub = arg
            high = low + 8 if high == sre_constants.MAXREPEAT else high
            out.extend(_emit(sub, rng) for _ in range(rng.randint(low, high)))
        elif op == sre_constants.SUBPATTERN:
            out.append(_emit(arg[-1], rng))
        elif op == sre_constants.ATOMIC_GROUP if hasattr(sre_constants, "ATOMIC_GROUP") else False:
            out.append(_emit(arg, rng))
        elif op == sre_constants.BRANCH:
            out.append(_emit(rng.choice(arg[1]), rng))
        elif op == sre_constants.CATEGORY:
            out.append(rng.choice(_charset([(op, arg)])))
    return "".join(out)


# --- detect-secrets ------------------------------------------------------------------------

def detect_secrets_cases(root):
    """Every line of the keyword tests with the secret they expect, or None."""
    path = os.path.join(root, "tests", "plugins", "keyword_test.py")
    source = open(path, encoding="utf-8").read()
    # Only the module's constants are wanted: stub what it imports, skip the test functions.
    class Anything:
        def __getattr__(self, attribute):
            return self

        def __call__(self, *args, **kwargs):
            return args[0] if len(args) == 1 and callable(args[0]) and not kwargs else self

    stubs = {}
    for name in ["pytest", "detect_secrets", "detect_secrets.core", "detect_secrets.core.scan",
                 "detect_secrets.plugins", "detect_secrets.plugins.keyword", "detect_secrets.settings"]:
        module = types.ModuleType(name)
        module.__getattr__ = lambda attribute: Anything()
        stubs[name] = module
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    try:
        namespace = {}
        exec(compile(source, path, "exec"), namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    positives = {}
    negatives = {}
    for name, value in namespace.items():
        if not name.endswith("_TEST_CASES"):
            continue
        family = "detect-secrets/" + name[: -len("_TEST_CASES")].lower()
        for line, secret in value:
            if secret:
                positives.setdefault(line, (family, secret))
            else:
                negatives.setdefault(line, family)
    cases = [Case(family, line, True, secret) for line, (family, secret) in positives.items()]
    # A line that is a negative only because one language's rule wants quotes
    # (`password = VALUE` in C++) holds a secret the other languages' cases expect: for a
    # tool that masks output, whatever language it came from, it is a positive.
    secrets = {secret for _, secret in positives.values()}
    for line, family in negatives.items():
        if line in positives:
            continue
        inside = [secret for secret in secrets if secret in line]
        if inside:
            cases.append(Case("detect-secrets/negative only by a quoting rule", line, True, inside[0]))
        else:
            cases.append(Case(family, line, False))
    return cases


# --- gitleaks ------------------------------------------------------------------------------

TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.)*')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<num>[0-9]+)
  | (?P<op>:=|\.\.\.|[-+*/=(){}\[\],:;!<>&|.%^])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.S | re.X)


def go_tokens(text):
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("comment", "space"):
            continue
        value = match.group()
        if kind == "raw":
            yield ("str", value[1:-1].replace("\r", ""))
        elif kind == "str":
            yield ("str", go_unquote(value[1:-1]))
        else:
            yield (kind, value)


def go_unquote(body):
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}

    def replace(match):
        escape = match.group(1)
        if escape[0] in escapes:
            return escapes[escape[0]] + escape[1:]
        if escape[0] in "xuU":
            return chr(int(escape[1:], 16))
        return match.group()
    return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", replace, body)


class EvalError(Exception):
    pass


class GoEvaluator:
    """Just enough Go to evaluate the scanners' test-case expressions."""

    def __init__(self, tokens, samples, rng, env):
        self.tokens = tokens
        self.samples = samples
        self.rng = rng
        self.env = env
        self.position = 0

    def peek(self, offset=0):
        index = self.position + offset
        return self.tokens[index] if index < len(self.tokens) else ("eof", "")

    def take(self, value=None):
        token = self.peek()
        if value is not None and token[1] != value:
            raise EvalError("expected %r, got %r" % (value, token[1]))
        self.position += 1
        return token

    def expression(self):
        value = self.term()
        while self.peek()[1] == "+":
            self.take()
            right = self.term()
            if not isinstance(value, str) or not isinstance(right, str):
                raise EvalError("+ of non-strings")
            value += right
        return value

    def arguments(self):
        self.take("(")
        values = []
        while self.peek()[1] != ")":
            value = self.expression()
            if self.peek()[1] == "...":
                self.take()
                if not isinstance(value, list):
                    raise EvalError("spread of a non-list")
                values.extend(value)
            else:
                values.append(value)
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        return values

    def term(self):
        kind, value = self.peek()
        if kind == "str":
            self.take()
            return value
        if value == "[":
            self.take("[")
            self.take("]")
            if self.take()[1] != "string":
                raise EvalError("not a []string")
            self.take("{")
            items = []
            while self.peek()[1] != "}":
                items.append(self.expression())
                if self.peek()[1] == ",":
                    self.take()
            self.take("}")
            return [item if isinstance(item, tuple) else (item, None, "literal") for item in items]
        if kind == "ident":
            self.take()
            if self.peek()[1] == "(":
                return self.call(value, self.arguments())
            if value in self.env:
                return self.env[value]
            raise EvalError("unknown name " + value)
        raise EvalError("unexpected %r" % value)

    def call(self, name, args):
        sizes = {"utils.Numeric": "[0-9]{%s}", "utils.Hex": "[a-f0-9]{%s}", "utils.AlphaNumeric": "[a-z0-9]{%s}",
                 "utils.AlphaNumericExtendedShort": "[a-z0-9_-]{%s}", "utils.AlphaNumericExtended": "[a-z0-9=_\\-]{%s}",
                 "utils.AlphaNumericExtendedLong": "[a-z0-9\\/=_\\+\\-]{%s}"}
        if name in sizes:
            return sizes[name] % args[0]
        if name == "utils.Hex8_4_4_4_12":
            return "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        if name in ("secrets.NewSecret", "newPlausibleSecret"):
            for _ in range(20):
                secret = generate(args[0].replace("\\z", "\\Z"), self.rng)
                if name == "secrets.NewSecret" or re.search("[1-9]", secret):
                    return secret
            return secret
        if name == "fmt.Sprintf":
            try:
                return args[0].replace("%%", "\0") % tuple(args[1:]) if "%" in args[0] else args[0]
            except TypeError as error:
                raise EvalError(str(error))
        if name == "strings.Repeat":
            return args[0] * int(args[1])
        if name == "append":
            items = list(args[0])
            for item in args[1:]:
                items.append(item if isinstance(item, tuple) else (item, None, "literal"))
            return items
        if name == "utils.GenerateSampleSecrets":
            identifier, secret = args
            return [(template.replace("{i}", identifier).replace("{I}", identifier.upper()).replace("{s}", secret),
                     secret, syntax) for syntax, template in self.samples]
        raise EvalError("unknown function " + name)


def gitleaks_samples(root):
    """The syntaxes of `GenerateSampleSecrets`: (name, template) pairs read from its map."""
    path = os.path.join(root, "cmd", "generate", "config", "utils", "generate.go")
    text = open(path, encoding="utf-8").read()
    body = text[text.index("func GenerateSampleSecrets"):]
    body = body[body.index("{", body.index("map[string]string")) + 1:]
    tokens = list(go_tokens(body[: body.index("replacer")]))
    samples = []
    for index in range(len(tokens) - 2):
        if tokens[index][0] == "str" and tokens[index + 1][1] == ":" and tokens[index + 2][0] == "str":
            samples.append((tokens[index][1], tokens[index + 2][1]))
    return samples


def gitleaks_cases(root, rng):
    samples = gitleaks_samples(root)
    rules_dir = os.path.join(root, "cmd", "generate", "config", "rules")
    cases = []
    skipped = 0
    for file_name in sorted(os.listdir(rules_dir)):
        if not file_name.endswith(".go") or file_name.endswith("_test.go"):
            continue
        text = open(os.path.join(rules_dir, file_name), encoding="utf-8").read()
        for function in re.split(r"\nfunc ", text)[1:]:
            rule = re.search(r'RuleID:\s*"([^"]+)"', function)
            rule_id = rule.group(1) if rule else function.split("(")[0]
            tokens = list(go_tokens(function))
            env = {}
            for index in range(len(tokens) - 1):
                if tokens[index][0] != "ident" or tokens[index + 1][1] not in (":=", "="):
                    continue
                evaluator = GoEvaluator(tokens, samples, rng, env)
                evaluator.position = index + 2
                try:
                    env[tokens[index][1]] = evaluator.expression()
                except (EvalError, IndexError, ValueError, re.error, TypeError):
                    if tokens[index][1] in ("tps", "fps"):
                        skipped += 1
            generic = rule_id.startswith("generic")
            for text_, secret, syntax in env.get("tps", []) if isinstance(env.get("tps"), list) else []:
                if syntax == "literal":
                    family = "gitleaks/generic-tps" if generic else "gitleaks/provider-tps (provider formats)"
                else:
                    family = "gitleaks/samples: " + syntax
                cases.append(Case(family, text_, True, secret))
            for text_, _, _ in env.get("fps", []) if isinstance(env.get("fps"), list) else []:
                family = "gitleaks/generic-fps" if generic else "gitleaks/provider-fps"
                cases.append(Case(family, text_, False))
    return cases, skipped


# --- running and scoring -------------------------------------------------------------------

def batches(cases, size=400):
    """Cases packed so that no batch holds one secret twice: a value masked once is learned
    for the rest of the stream, which would hide its next occurrence for the wrong reason."""
    packed = []
    # Negatives never share a stream with positives, whose masked values it would learn.
    for case in sorted(cases, key=lambda case: case.positive):
        key = case.secret or case.text
        if case.family.startswith("configs/"):  # a file is a stream of its own, as `cat FILE` would be
            packed.append(([case], {key}))
            continue
        for batch, keys in packed:
            if key not in keys and len(batch) < size and batch[0].positive == case.positive:
                batch.append(case)
                keys.add(key)
                break
        else:
            packed.append(([case], {key}))
    return [batch for batch, _ in packed]


def run(maskrun, cases, policy):
    for batch in batches(cases):
        text = SEPARATOR.join(case.text for case in batch) + "\n"
        command = [maskrun, "filter"] + (["--policy", policy] if policy else [])
        output = subprocess.run(command, input=text.encode(), capture_output=True, check=True).stdout.decode(
            "utf-8", "replace")
        parts = output[:-1].split(SEPARATOR) if output.endswith("\n") else output.split(SEPARATOR)
        if len(parts) != len(batch):  # a separator was touched: run these one by one
            for case in batch:
                one = subprocess.run(command, input=(case.text + "\n").encode(), capture_output=True, check=True)
                case.output = one.stdout.decode("utf-8", "replace")[:-1]
        else:
            for case, part in zip(batch, parts):
                case.output = part


MASK_LABEL = re.compile(r"\[MASKED(?::[A-Za-z0-9_.-]*)?\]")


def leaked(case):
    if case.secret is None:
        return case.output == case.text
    secret = case.secret
    width = min(6, len(secret))
    rest = case.text.replace(secret, "\0")
    output = MASK_LABEL.sub("\0", case.output)  # `[MASKED:duffel-token]` is not `duffel_…` leaking
    for start in range(0, len(secret) - width + 1):
        gram = secret[start:start + width]
        if output.count(gram) > rest.count(gram):
            return True
    return False


def changed_pairs(case):
    """(input line, output lines) for every input line maskrun changed; a mask that spans
    lines pairs the first with the whole replacement."""
    before = case.text.split("\n")
    after = case.output.split("\n")
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            replacement = "\n".join(after[j1:j2])
            pairs.extend((line, replacement if index == i1 else "") for index, line in enumerate(before[i1:i2], i1))
    return pairs


def changed_lines(case):
    return len(changed_pairs(case))


def config_files(root):
    cases = []
    for directory, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(directory, name)
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            cases.append(Case("configs/" + os.path.relpath(path, root), text.rstrip("\n"), False))
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--maskrun", default=os.environ.get("MASKRUN_BIN", ".build/release/maskrun"))
    parser.add_argument("--policy", help="a policy file (default: maskrun's default policy)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", action="append", default=[],
                        help="print the missed positives and changed negatives of families starting with this")
    parser.add_argument("--json", help="write the per-family figures here")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    cases = []
    if os.path.isdir(os.path.join(options.corpus, "detect-secrets")):
        cases += detect_secrets_cases(os.path.join(options.corpus, "detect-secrets"))
    if os.path.isdir(os.path.join(options.corpus, "gitleaks")):
        found, skipped = gitleaks_cases(os.path.join(options.corpus, "gitleaks"), rng)
        cases += found
        if skipped:
            print("gitleaks: %d tps/fps expressions could not be evaluated and were left out" % skipped, file=sys.stderr)
    configs = []
    if os.path.isdir(os.path.join(options.corpus, "configs")):
        configs = config_files(os.path.join(options.corpus, "configs"))
    if not cases and not configs:
        sys.exit("no corpus found in %s (see this script's header)" % options.corpus)
    run(options.maskrun, cases + configs, options.policy)

    table = collections.OrderedDict()
    for case in sorted(cases, key=lambda c: c.family):
        row = table.setdefault(case.family, {"positives": 0, "hidden": 0, "negatives": 0, "changed": 0})
        if case.positive:
            row["positives"] += 1
            row["hidden"] += 0 if leaked(case) else 1
        else:
            row["negatives"] += 1
            row["changed"] += 1 if changed_lines(case) else 0
    print("%-52s %9s %7s %9s %7s" % ("family", "positives", "hidden", "negatives", "changed"))
    totals = collections.defaultdict(lambda: collections.Counter())
    for family, row in table.items():
        recall = "%5.1f%%" % (100.0 * row["hidden"] / row["positives"]) if row["positives"] else "     -"
        over = "%5.1f%%" % (100.0 * row["changed"] / row["negatives"]) if row["negatives"] else "     -"
        print("%-52s %9d %7s %9d %7s" % (family[:52], row["positives"], recall, row["negatives"], over))
        group = family.split("/")[0] + ("/provider" if "provider" in family else "")
        totals[group].update(row)
    print()
    for group, row in totals.items():
        recall = 100.0 * row["hidden"] / row["positives"] if row["positives"] else float("nan")
        over = 100.0 * row["changed"] / row["negatives"] if row["negatives"] else float("nan")
        print("%-30s recall %6.1f%% of %5d   over-masked %5.1f%% of %5d" % (group, recall, row["positives"], over,
                                                                           row["negatives"]))
    if configs:
        lines = sum(case.text.count("\n") + 1 for case in configs)
        changed = sum(changed_lines(case) for case in configs)
        print("%-30s %d of %d lines changed in %d files" % ("configs (unlabelled)", changed, lines, len(configs)))
    for prefix in options.misses:
        for case in cases + configs:
            if not case.family.startswith(prefix):
                continue
            if case.positive and leaked(case):
                print("MISS  [%s] %r\n   -> %r" % (case.family, case.text, case.output))
            elif not case.positive and changed_lines(case):
                if case.family.startswith("configs/"):
                    for a, b in changed_pairs(case):
                        print("CHANGED [%s] %r\n   -> %r" % (case.family, a, b))
                else:
                    print("OVER  [%s] %r\n   -> %r" % (case.family, case.text, case.output))
    if options.json:
        with open(options.json, "w") as handle:
            json.dump(table, handle, indent=1)


if __name__ == "__main__":
    main()
