#!/usr/bin/env python3
"""Every JSON document policyc prints, held to its JSON Schema (docs/schema/) and to its
documentation (docs/json-ir.md, docs/cli.md):

- `gen json` (the IR) for every policy under policies/, tests/golden, tests/text,
  tests/e2e, tests/hostile and tests/diagnostics, and for the random policies of the
  differential test;
- `--diagnostics-format=json` for the same runs;
- `query --format=json`, whose answers are also recomputed from the IR's effects (the
  decision procedure of docs/semantics.md over the boxes the IR states): a tool that reads
  the IR gets the answers of the reference evaluator without deriving any meaning itself.

Policies with contradictions (default errors) are generated with `-Wno-error=FLAG` for the
flags they report, so that their IR is validated too; a policy with a hard error must make
`gen json` fail and write nothing.

    json_checks.py --policyc PATH --source-dir DIR --random-dir DIR --case NAME
    json_checks.py --list

Validation uses python3-jsonschema (Debian 12: 4.10), Draft 2020-12.
"""

import argparse
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("json_checks.py: the Python module jsonschema is missing; install python3-jsonschema "
             "(scripts/setup test)")

POLICYC = None
SOURCE_DIR = None
RANDOM_DIR = None
CASES = {}

IR_KINDS = ("rules", "retentions", "rights", "notices", "protections", "notes")
VOCABULARIES = ("categories", "sources", "purposes", "recipients")
BOX_AXES = {
    "collect": ("categories", "sources"),
    "tuple": ("categories", "sources", "purposes", "recipients"),
    "link": ("categories", "sources", "linked"),
}
# The vocabulary each axis name of a box or clause ranges over.
AXIS_VOCABULARY = {"categories": "categories", "sources": "sources", "purposes": "purposes",
                   "recipients": "recipients", "linked": "categories"}


def case(function):
    CASES[function.__name__.replace("_", "-")] = function
    return function


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


# --- schemas ------------------------------------------------------------------------------

_validators = {}


def validator(name):
    if name not in _validators:
        path = os.path.join(SOURCE_DIR, "docs", "schema", "policyc-%s.schema.json" % name)
        with open(path) as handle:
            schema = json.load(handle)
        jsonschema.Draft202012Validator.check_schema(schema)
        _validators[name] = jsonschema.Draft202012Validator(schema)
    return _validators[name]


def schema_errors(name, document):
    """The validation errors of `document` against schema `name`, one short line each."""
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    return ["/%s: %s" % ("/".join(str(p) for p in error.absolute_path), error.message[:300])
            for error in errors]


def validate(name, document, what):
    errors = schema_errors(name, document)
    expect(not errors, "%s does not match docs/schema/policyc-%s.schema.json:\n  %s"
           % (what, name, "\n  ".join(errors[:10])))


# --- running policyc ----------------------------------------------------------------------

def run(args, cwd):
    return subprocess.run([POLICYC, *args], cwd=cwd, capture_output=True, timeout=300)


def parse_json(data, what):
    try:
        return json.loads(data)
    except ValueError as error:
        raise Failure("%s is not JSON (%s): %r" % (what, error, data[:500]))


_classes = None


def diagnostic_classes():
    global _classes
    if _classes is None:
        result = run(["--list-diagnostics"], SOURCE_DIR)
        _classes = {row["id"]: row["class"] for row in json.loads(result.stdout)}
    return _classes


def policy_args(path):
    """The `// ARGS:` line of a -verify test (tests/CMakeLists.txt reads it the same way)."""
    with open(path, "rb") as handle:
        for line in handle.read().decode("utf-8", "replace").splitlines():
            if line.startswith("// ARGS: "):
                return line[len("// ARGS: "):].split()
    return []


def check_diagnostics_document(document, what):
    validate("diagnostics", document, what)
    # A finding a policyc-ignore comment accepts counts for nothing (docs/json-ir.md).
    severities = [d["severity"] for d in document["diagnostics"] if "suppression" not in d]
    errors = sum(1 for s in severities if s in ("error", "fatal error"))
    warnings = severities.count("warning")
    expect(document["errors"] == errors and document["warnings"] == warnings,
           "%s: the counts (%d errors, %d warnings) do not match the list (%d, %d)"
           % (what, document["errors"], document["warnings"], errors, warnings))


def generate_ir(path, work, downgraded=None):
    """Checks `path` and generates its IR with its default errors downgraded. Returns the IR,
    or None for a policy with a hard error (after checking that nothing was written); every
    diagnostics document of the way is validated. The -Wno-error options used are appended
    to `downgraded`."""
    cwd, name = os.path.split(os.path.abspath(path))
    args = policy_args(path)
    # Every contradiction must be seen to be downgraded: no error limit.
    result = run(["check", "--diagnostics-format=json", "-ferror-limit=0", *args, name], cwd)
    what = "check --diagnostics-format=json %s" % path
    diagnostics = parse_json(result.stdout, what)
    check_diagnostics_document(diagnostics, what)
    classes = diagnostic_classes()
    hard = [d["id"] for d in diagnostics["diagnostics"]
            if d["severity"] in ("error", "fatal error") and classes.get(d["id"]) != "default-error"]
    downgrade = sorted({"-Wno-error=" + d["flag"][2:] for d in diagnostics["diagnostics"]
                        if classes.get(d["id"]) == "default-error"})
    if downgraded is not None:
        downgraded += downgrade
    output = os.path.join(work, "ir.json")
    if os.path.exists(output):
        os.remove(output)
    result = run(["gen", "json", "--diagnostics-format=json", "-ferror-limit=0", *args,
                  *downgrade, name, "-o", output], cwd)
    what = "gen json %s" % path
    check_diagnostics_document(parse_json(result.stdout, what + " (diagnostics)"), what)
    if hard:
        expect(result.returncode == 1 and not os.path.exists(output),
               "%s: a policy with errors %s must exit 1 and write nothing (exit %d)"
               % (what, hard, result.returncode))
        return None
    expect(result.returncode == 0, "%s exits %d: %s" % (what, result.returncode, result.stdout[:2000]))
    with open(output, "rb") as handle:
        ir = parse_json(handle.read(), what)
    validate("ir", ir, what)
    check_ir(ir, what)
    return ir


# --- what the schema cannot say about the IR ----------------------------------------------

def check_intervals(intervals, size, what):
    if size == 0:
        # An empty vocabulary: the axis holds the one placeholder point (docs/json-ir.md).
        expect(intervals in ([], [[0, 0]]), "%s: %r on an empty vocabulary" % (what, intervals))
        return
    previous = -2
    for first, last in intervals:
        expect(previous + 1 < first <= last < size,
               "%s: %r is not sorted, disjoint, non-adjacent intervals within 0..%d"
               % (what, intervals, size - 1))
        previous = last


def members(intervals):
    return {n for first, last in intervals for n in range(first, last + 1)}


def check_ir(ir, what):
    sizes = {kind: len(ir[kind]) for kind in VOCABULARIES}
    for kind in VOCABULARIES:
        nodes = ir[kind]
        for index, node in enumerate(nodes):
            where = "%s: %s[%d]" % (what, kind, index)
            expect(node["id"] == index, where + ": the id is not the index")
            expect(index <= node["last"] < len(nodes), where + ": last is outside the vocabulary")
            parent = node["parent"]
            if parent is None:
                expect(node["path"] == node["name"], where + ": a root's path is its name")
            else:
                expect(parent < index <= nodes[parent]["last"],
                       where + ": not inside its parent's subtree")
                expect(node["path"] == nodes[parent]["path"] + "." + node["name"],
                       where + ": the path is not the parent's path and the name")
        expect(len({node["path"] for node in nodes}) == len(nodes), "%s: %s: duplicate paths"
               % (what, kind))
    expect(sum(1 for node in ir["recipients"] if node["builtin"]) == 1 and
           ir["recipients"][0]["path"] == "us", what + ": recipient 0 is the built-in `us`")

    ids = [entry["id"] for kind in IR_KINDS for entry in ir[kind]]
    expect(len(ids) == len(set(ids)), what + ": statement ids are not unique")
    consents = {consent["name"] for consent in ir["consents"]}
    events = {event["name"] for event in ir["events"]}
    rules = {rule["id"]: rule for rule in ir["rules"]}
    for kind in ("rules", "retentions", "protections"):
        for entry in ir[kind]:
            for axis in ("categories", "sources", "purposes", "recipients", "linked"):
                if axis in entry:
                    check_intervals(entry[axis]["nodes"], sizes[AXIS_VOCABULARY[axis]],
                                    "%s: %s %d %s" % (what, kind, entry["id"], axis))
    for rule in ir["rules"]:
        expect(set(rule["consents"]) <= consents, "%s: rule %d names unknown consents"
               % (what, rule["id"]))
    for retention in ir["retentions"]:
        expect(retention["event"] is None or retention["event"] in events,
               "%s: retention %d names an unknown event" % (what, retention["id"]))

    previous = 0
    for index, effect in enumerate(ir["effects"]):
        where = "%s: effects[%d]" % (what, index)
        expect(effect["statement"] in rules, where + ": not the effect of a rule statement")
        expect(effect["statement"] >= previous, where + ": effects are not in load order")
        previous = effect["statement"]
        rule = rules[effect["statement"]]
        expect(effect["forbids"] == (rule["prohibition"] or effect["origin"] == "purpose-limit"),
               where + ": forbids disagrees with the statement")
        expect(set(effect["consents"]) == (set() if effect["forbids"] else set(rule["consents"])),
               where + ": the consents are not the statement's")
        for axis in BOX_AXES[effect["relation"]]:
            size = sizes[AXIS_VOCABULARY[axis]]
            check_intervals(effect["members"][axis], size, "%s members %s" % (where, axis))
            check_intervals(effect["questions"][axis], size, "%s questions %s" % (where, axis))
            spoken, decided = members(effect["members"][axis]), members(effect["questions"][axis])
            # A forbid decides the upward closure of its box, a permit the downward interior.
            expect(spoken <= decided if effect["forbids"] else decided <= spoken,
                   "%s: questions %s and members %s disagree on %s" % (where, decided, spoken, axis))
    # Every rule has an effect, unless a clause stands for no node at all (`identifying`
    # where every category is anonymous): its box is empty.
    with_effects = {effect["statement"] for effect in ir["effects"]}
    for rule in ir["rules"]:
        empty = any(rule[axis]["nodes"] == [] and sizes[AXIS_VOCABULARY[axis]] > 0
                    for axis in ("categories", "sources", "purposes", "recipients", "linked")
                    if axis in rule)
        expect(rule["id"] in with_effects or empty, "%s: rule %d has no effect"
               % (what, rule["id"]))

    # docs/json-ir.md, "deadlines": the first statement (load order) naming the right or
    # notice with a duration, else the first naming it.
    def first_statement(statements, names, length):
        naming = sorted((s for s in statements if names(s)), key=lambda s: s["id"])
        timed = [s for s in naming if s[length] is not None]
        return (timed or naming or [None])[0]

    for entry in ir["deadlines"]["rights"]:
        statement = first_statement(ir["rights"], lambda s: entry["right"] in s["rights"],
                                    "deadline")
        expect(statement is not None and entry["statement"] == statement["id"] and
               entry["deadline"] == statement["deadline"],
               "%s: the deadline of %s is not that of its first statement" % (what, entry["right"]))
    named = {right for statement in ir["rights"] for right in statement["rights"]}
    expect({entry["right"] for entry in ir["deadlines"]["rights"]} == named,
           what + ": deadlines.rights does not list every right the policy names")
    for entry in ir["deadlines"]["notices"]:
        statement = first_statement(ir["notices"], lambda s: s["notice"] == entry["notice"],
                                    "lead")
        expect(statement is not None and entry["statement"] == statement["id"] and
               entry["lead"] == statement["lead"],
               "%s: the lead of %s is not that of its first statement" % (what, entry["notice"]))
    expect({entry["notice"] for entry in ir["deadlines"]["notices"]} ==
           {statement["notice"] for statement in ir["notices"]},
           what + ": deadlines.notices does not list every notice the policy names")


# --- the IR of groups of policies ---------------------------------------------------------

def policies_under(*patterns):
    paths = []
    for pattern in patterns:
        paths += sorted(glob.glob(os.path.join(SOURCE_DIR, pattern), recursive=True))
    return [path for path in paths if "/Inputs/" not in path]


def validate_policies(paths, minimum_ir):
    expect(paths, "no policies found")
    generated = 0
    with tempfile.TemporaryDirectory(prefix="policyc-json-") as work:
        for path in paths:
            if generate_ir(path, work) is not None:
                generated += 1
    expect(generated >= minimum_ir, "only %d of %d policies gave an IR, expected at least %d"
           % (generated, len(paths), minimum_ir))
    print("validated the diagnostics of %d policies and the IR of %d" % (len(paths), generated))


@case
def ir_policies():
    validate_policies(policies_under("policies/*.policy", "tests/e2e/policies/*.policy",
                                     "tests/e2e/consumer/*.policy", "tests/hostile/*.policy"), 5)


@case
def ir_golden():
    validate_policies(policies_under("tests/golden/**/*.policy"), 23)


@case
def ir_text():
    # invalid.policy has hard errors: gen json must refuse it.
    validate_policies(policies_under("tests/text/*.policy"), 3)


@case
def ir_diagnostics_tests():
    validate_policies(policies_under("tests/diagnostics/**/*.policy"), 20)


@case
def ir_random():
    paths = sorted(glob.glob(os.path.join(RANDOM_DIR, "random_*.policy")))
    expect(len(paths) >= 100, "expected the 100 random policies of the differential test in %s "
           "(built with the test suite), found %d" % (RANDOM_DIR, len(paths)))
    validate_policies(paths, len(paths))


# --- query --format=json against the IR ---------------------------------------------------

def box_contains(box, point):
    return all(any(first <= point[axis] <= last for first, last in box[axis]) for axis in point)


def decide(ir, point, granted):
    """docs/semantics.md, "The decision procedure", over the IR's effects of the tuple
    relation: (reason, index of the deciding effect or None)."""
    effects = [(i, e) for i, e in enumerate(ir["effects"]) if e["relation"] == "tuple"]
    for index, effect in effects:
        if effect["forbids"] and box_contains(effect["questions"], point):
            return "prohibited", index
    covering = None
    for index, effect in effects:
        if effect["forbids"] or not box_contains(effect["questions"], point):
            continue
        if set(effect["consents"]) <= granted:
            return "permitted", index
        if covering is None:
            covering = index
    if covering is not None:
        return "consent missing", covering
    return "no statement", None


def subtree(ir, kind, node):
    return range(node, ir[kind][node]["last"] + 1)


def check_query(ir, options, cwd, name, category, purpose, recipient, source, consents,
                exit_status):
    args = ["query", name, *options, "--format=json", "--category", category, "--purpose",
            purpose]
    if recipient is not None:
        args += ["--recipient", recipient]
    if source is not None:
        args += ["--source", source]
    for consent in consents:
        args += ["--consent", consent]
    what = "policyc " + " ".join(args)
    result = run(args, cwd)
    expect(result.returncode == 0, "%s exits %d: %s" % (what, result.returncode, result.stderr[:2000]))
    answer = parse_json(result.stdout, what)
    validate("query", answer, what)

    ids = {kind: {node["path"]: node["id"] for node in ir[kind]} for kind in VOCABULARIES}
    question = answer["question"]
    expect(question["category"] == category and question["purpose"] == purpose and
           question["source"] == source and
           question["recipient"] == (recipient if recipient is not None else "us") and
           question["kind"] == ("use" if recipient is None else "disclosure"),
           what + ": the question is not the one asked: %r" % question)
    defaults = {c["name"] for c in ir["consents"] if c["mode"] == "opt_out"}
    granted = set(answer["granted"])
    expect(granted == defaults | set(consents), what + ": granted %r" % sorted(granted))
    sources = [source] if source is not None else [node["path"] for node in ir["sources"]]
    expect([a["source"] for a in answer["answers"]] == sources,
           what + ": the answers are not one per source asked, in order")
    expect(answer["allowed"] == all(a["allowed"] for a in answer["answers"]),
           what + ": allowed is not the conjunction of the answers")

    for entry in answer["answers"]:
        point = {"categories": ids["categories"][category], "sources": ids["sources"][entry["source"]],
                 "purposes": ids["purposes"][purpose],
                 "recipients": ids["recipients"][question["recipient"]]}
        reason, index = decide(ir, point, granted)
        where = "%s, source %s" % (what, entry["source"])
        expect(entry["reason"] == reason, "%s: the IR's effects say %s, query says %s"
               % (where, reason, entry["reason"]))
        if index is None:
            continue
        effect = ir["effects"][index]
        expect(entry["effect"]["index"] == index, "%s: deciding effect %d, the IR says %d"
               % (where, entry["effect"]["index"], index))
        expect(entry["statement"]["id"] == effect["statement"] and
               all(entry["effect"][key] == effect[key]
                   for key in ("relation", "forbids", "origin", "consents")),
               where + ": the deciding effect is not the IR's effect %d" % index)
        rule = next(r for r in ir["rules"] if r["id"] == effect["statement"])
        expect(entry["statement"]["location"] == rule["location"],
               where + ": the statement's location is not the IR's")
        expect(entry["missingConsents"] ==
               ([c for c in effect["consents"] if c not in granted]
                if reason == "consent missing" else []),
               where + ": missingConsents %r" % entry["missingConsents"])
        if reason == "prohibited":
            # The first member of the question's subtree product inside the members box.
            expected = {}
            for axis, kind, key in (("categories", "categories", "category"),
                                    ("sources", "sources", "source"),
                                    ("purposes", "purposes", "purpose"),
                                    ("recipients", "recipients", "recipient")):
                inside = [n for n in subtree(ir, kind, point[axis])
                          if any(f <= n <= l for f, l in effect["members"][axis])]
                expect(inside, where + ": the prohibition reaches no member on " + axis)
                expected[key] = ir[kind][inside[0]]["path"]
            expect(entry["member"] == expected, "%s: member %r, expected %r"
                   % (where, entry["member"], expected))

    if exit_status:
        status = run(args + ["--exit-status"], cwd).returncode
        expect(status == (0 if answer["allowed"] else 1),
               "%s --exit-status exits %d for allowed=%s" % (what, status, answer["allowed"]))
    return answer


def query_policy(path, limit):
    """Asks up to `limit` questions of one policy (groups and leaves, uses and disclosures,
    with and without consents) and checks each answer against the IR."""
    # A policy with contradictions is asked with them downgraded to warnings, as its IR was
    # generated: query, like gen, answers only for a policy without errors.
    downgraded = []
    with tempfile.TemporaryDirectory(prefix="policyc-json-") as work:
        ir = generate_ir(path, work, downgraded)
    expect(ir is not None, path + " has errors")
    if not ir["sources"] or not ir["purposes"] or not ir["categories"]:
        return 0, {}
    cwd, name = os.path.split(os.path.abspath(path))
    categories = [node["path"] for node in ir["categories"]]
    purposes = [node["path"] for node in ir["purposes"]]
    recipients = [None] + [node["path"] for node in ir["recipients"]]
    sources = [None] + [node["path"] for node in ir["sources"]]
    consents = [c["name"] for c in ir["consents"] if c["mode"] == "opt_in"]
    questions = []
    for i, category in enumerate(categories):
        for j, purpose in enumerate(purposes):
            k = i * len(purposes) + j
            questions.append((category, purpose, recipients[k % len(recipients)],
                              sources[k % len(sources)], consents if k % 2 else []))
    # Spread `limit` questions over the whole product, deterministically.
    step = max(1, len(questions) // limit)
    reasons = {}
    asked = 0
    for number, question in enumerate(questions[::step][:limit]):
        answer = check_query(ir, downgraded, cwd, name, *question, exit_status=number % 4 == 0)
        for entry in answer["answers"]:
            reasons[entry["reason"]] = reasons.get(entry["reason"], 0) + 1
        asked += 1
    return asked, reasons


@case
def query_answers():
    paths = policies_under("tests/golden/cpp/shop.policy", "policies/plantronics-corrected.policy",
                           "tests/golden/text/wording/*.policy", "tests/text/rich.policy")
    totals = {}
    asked = 0
    for path in paths:
        count, reasons = query_policy(path, 60)
        asked += count
        for reason, number in reasons.items():
            totals[reason] = totals.get(reason, 0) + number
    expect(all(totals.get(r) for r in ("permitted", "prohibited", "consent missing",
                                        "no statement")),
           "the questions did not reach every reason: %r" % totals)
    print("checked %d queries against the IR: %r" % (asked, totals))


@case
def query_random():
    paths = sorted(glob.glob(os.path.join(RANDOM_DIR, "random_*.policy")))[:40]
    expect(len(paths) == 40, "expected the random policies of the differential test in "
           + RANDOM_DIR)
    asked = 0
    totals = {}
    for path in paths:
        count, reasons = query_policy(path, 5)
        asked += count
        for reason, number in reasons.items():
            totals[reason] = totals.get(reason, 0) + number
    expect(totals.get("prohibited") and totals.get("permitted"),
           "random questions did not reach both a permit and a prohibition: %r" % totals)
    print("checked %d queries on random policies against their IR: %r" % (asked, totals))


# --- the schemas reject what they must ----------------------------------------------------

def shop_documents():
    path = os.path.join(SOURCE_DIR, "tests", "golden", "cpp", "shop.policy")
    with tempfile.TemporaryDirectory(prefix="policyc-json-") as work:
        ir = generate_ir(path, work)
    cwd, name = os.path.split(path)
    result = run(["query", name, "--format=json", "--category", "contact", "--purpose",
                  "fulfilment", "--recipient", "carriers"], cwd)
    return ir, parse_json(result.stdout, "query")


def first(items, predicate):
    return next(item for item in items if predicate(item))


@case
def schemas_reject_broken_documents():
    ir, query = shop_documents()
    validate("ir", ir, "the IR of shop.policy")
    validate("query", query, "a query on shop.policy")
    diagnostics = parse_json(run(["check", "--diagnostics-format=json", "x.policy"],
                                 SOURCE_DIR).stdout, "diagnostics")
    validate("diagnostics", diagnostics, "the diagnostics of a missing file")

    def forbid(effect):
        return effect["forbids"]

    breakages = {
        "ir": [
            ("without effects", lambda d: d.pop("effects")),
            ("an unknown field", lambda d: d.update(extra=1)),
            ("major version 2", lambda d: d["version"].update(major=2)),
            ("forbids as a string", lambda d: d["effects"][0].update(forbids="yes")),
            ("an interval of three ends", lambda d: d["effects"][0]["members"]["categories"]
             .append([1, 2, 3])),
            ("a negative node id", lambda d: d["effects"][0]["members"]["sources"]
             .append([-1, 0])),
            ("an effect that speaks of nothing", lambda d: d["effects"][0]["members"]
             .update(sources=[])),
            ("a collect box with purposes", lambda d: first(
                d["effects"], lambda e: e["relation"] == "collect")["questions"]
             .update(purposes=[[0, 0]])),
            ("a tuple box without recipients", lambda d: first(
                d["effects"], lambda e: e["relation"] == "tuple")["members"].pop("recipients")),
            ("a forbid with consents", lambda d: first(d["effects"], forbid)["consents"]
             .append("analytics")),
            ("a purpose limit that permits", lambda d: first(
                d["effects"], lambda e: e["origin"] == "purpose-limit").update(forbids=False)),
            ("an unknown origin", lambda d: d["effects"][0].update(origin="guess")),
            ("a link rule with purposes", lambda d: d["rules"][0].update(kind="link")),
            ("a period retention with purposes", lambda d: d["retentions"][0]
             .update(purposes={"written": None, "nodes": []})),
            ("an unknown right", lambda d: d["deadlines"]["rights"][0].update(right="fly")),
            ("statement id 0", lambda d: d["rules"][0].update(id=0)),
            ("a location without a line", lambda d: d["rules"][0]["location"].pop("line")),
        ],
        "query": [
            ("allowed but prohibited", lambda d: d["answers"][0].update(allowed=True)),
            ("prohibited without a member", lambda d: d["answers"][0].update(member=None)),
            ("no answers", lambda d: d.update(answers=[])),
            ("an unknown reason", lambda d: d["answers"][0].update(reason="maybe")),
            ("a permit's missing consents while prohibited", lambda d: d["answers"][0]
             .update(missingConsents=["analytics"])),
        ],
        "diagnostics": [
            ("severity fatal", lambda d: d["diagnostics"][0].update(severity="fatal")),
            ("version 2", lambda d: d.update(version=2)),
            ("a flag without -W", lambda d: d["diagnostics"][0].update(flag="io")),
        ],
    }
    originals = {"ir": ir, "query": query, "diagnostics": diagnostics}
    for name, cases in breakages.items():
        for description, breakage in cases:
            document = copy.deepcopy(originals[name])
            breakage(document)
            expect(schema_errors(name, document),
                   "the %s schema accepts a document with %s" % (name, description))
            try:
                validate(name, document, "a broken document")
            except Failure:
                continue
            raise Failure("validate() let a broken %s document (%s) pass" % (name, description))
    # The IR checks beyond the schema catch what the schema cannot say.
    for description, breakage in [
            ("intervals out of order", lambda d: d["effects"][0]["members"].update(
                categories=[[5, 5], [1, 2]])),
            ("a permit deciding more than it speaks of", lambda d: first(
                d["effects"], lambda e: not e["forbids"] and e["relation"] == "tuple")
             ["questions"].update(categories=[[0, 7]])),
            ("a deadline that is not its statement's", lambda d: d["deadlines"]["rights"][0]
             .update(deadline=None)),
    ]:
        document = copy.deepcopy(ir)
        breakage(document)
        try:
            check_ir(document, "a broken IR")
        except Failure:
            continue
        raise Failure("check_ir() lets an IR with %s pass" % description)
    print("every broken document was rejected")


# --- the schemas, the registry and the documentation agree --------------------------------

def registry_rows():
    rows = {}
    with open(os.path.join(SOURCE_DIR, "compiler", "model", "Registry.def")) as handle:
        for line in handle:
            match = re.match(r'^([A-Z_]+)\(([a-z_]+), (?:"([a-z_]+)", )?', line)
            if match and not line.startswith("#"):
                rows.setdefault(match.group(1), []).append(match.group(3) or match.group(2))
    return rows


def property_names(schema):
    names = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties":
                names.update(value)
            names |= property_names(value)
    elif isinstance(schema, list):
        for value in schema:
            names |= property_names(value)
    return names


@case
def schemas_match_registry_and_docs():
    defs = validator("ir").schema["$defs"]
    rows = registry_rows()
    for macro, definition in (("RIGHT", "right"), ("CHANNEL", "channelKind"),
                              ("NOTICE", "noticeKind"), ("SECTION", "noteSection"),
                              ("CONTACT_KIND", "contactKind"), ("BASIS", "basis"),
                              ("RECIPIENT_KIND", "recipientKind"), ("FRAMEWORK", "framework")):
        expect(defs[definition]["enum"] == rows[macro],
               "the IR schema's %s is %r, compiler/model/Registry.def says %r"
               % (definition, defs[definition]["enum"], rows[macro]))
    # docs/json-ir.md has a table row for every field; docs/cli.md shows the diagnostics
    # document as an example, where a field is quoted.
    for document, schema, spelling in (("json-ir.md", "ir", "`%s`"),
                                       ("json-ir.md", "query", "`%s`"),
                                       ("cli.md", "diagnostics", '"%s"')):
        with open(os.path.join(SOURCE_DIR, "docs", document)) as handle:
            text = handle.read()
        missing = sorted(name for name in property_names(validator(schema).schema)
                         if spelling % name not in text)
        expect(not missing, "docs/%s does not document the %s fields %s"
               % (document, schema, missing))


@case
def docs_examples_are_real_output():
    """Each JSON block of docs/json-ir.md after `<!-- example: ARGS | POINTER -->` is the value
    at JSON pointer POINTER of what `policyc ARGS` prints, run in the source directory."""
    with open(os.path.join(SOURCE_DIR, "docs", "json-ir.md")) as handle:
        text = handle.read()
    examples = re.findall(r"<!-- example: (.*?) \| (\S*) -->\n```json\n(.*?)```", text, re.S)
    expect(len(examples) >= 3, "docs/json-ir.md has %d tested examples" % len(examples))
    for args, pointer, block in examples:
        result = run(args.split(), SOURCE_DIR)
        expect(result.returncode in (0, 1), "policyc %s exits %d" % (args, result.returncode))
        value = parse_json(result.stdout, "policyc " + args)
        for part in pointer.split("/")[1:]:
            value = value[int(part)] if isinstance(value, list) else value[part]
        shown = parse_json(block, "the example of policyc %s" % args)
        expect(shown == value, "docs/json-ir.md: the example of `policyc %s` at %s is out of "
               "date; policyc prints:\n%s" % (args, pointer, json.dumps(value, indent=2)))


def main():
    global POLICYC, SOURCE_DIR, RANDOM_DIR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policyc", help="the policyc executable")
    parser.add_argument("--source-dir", help="the policyc source tree")
    parser.add_argument("--random-dir", help="where policyc_difftest_gen wrote random policies")
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    parser.add_argument("--list", action="store_true", help="print the case names")
    options = parser.parse_args()
    if options.list:
        print("\n".join(CASES))
        return 0
    if not options.policyc or not options.source_dir:
        parser.error("--policyc and --source-dir are required")
    POLICYC = os.path.abspath(options.policyc)
    SOURCE_DIR = os.path.abspath(options.source_dir)
    RANDOM_DIR = os.path.abspath(options.random_dir or ".")
    names = options.case or list(CASES)
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error("unknown case: " + ", ".join(unknown))
    failures = 0
    for name in names:
        try:
            CASES[name]()
            print("PASS", name)
        except (Failure, subprocess.TimeoutExpired) as error:
            failures += 1
            print("FAIL", name, "\n ", error)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
