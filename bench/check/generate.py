#!/usr/bin/env python3
"""Writes a synthetic policy for benchmarking `policyc check`, with planted conflicts.

The policy has vocabularies of about 1,000 categories, 100 sources, 100 purposes and 25
recipients, and N statements. Every statement outside the planted conflicts is clean: each
group of statements works on its own (category, source) pair of leaves, so no two groups
overlap, and a few umbrella statements use every declaration. One statement in a hundred
belongs to a planted conflict; the conflicts cycle through every class the checker knows, and
each produces exactly one finding at a known line. The expected findings are written next to
the policy as JSON: [{"id": ..., "line": ...}, ...].

    generate.py N OUT.policy [--seed S]   (writes OUT.policy and OUT.expected.json)
"""
import argparse
import json
import random

CATEGORY_ROOTS = 10   # c0..c7 identifying, c8 anonymous, c9 sensitive
CATEGORY_CHILDREN = 9
CATEGORY_GRANDCHILDREN = 10
SOURCE_ROOTS = 10     # s0..s8 ordinary, s9 anonymous
SOURCE_CHILDREN = 9
PURPOSE_ROOTS = 10    # p0..p7 contract, marketing (consent), legal (legal_obligation)
PURPOSE_CHILDREN = 9
VENDORS = 10          # processors at home
PARTNERS = 10         # third parties
OVERSEAS = 4          # processors abroad: every disclosure to them is a planted conflict


class Writer:
    def __init__(self):
        self.lines = []
        self.expected = []
        self.statements = 0

    def line(self, text):
        self.lines.append(text)
        return len(self.lines)

    def statement(self, text):
        self.statements += 1
        return self.line(text)

    def expect(self, diagnostic, line):
        self.expected.append({"id": diagnostic, "line": line})


def vocabularies(w):
    w.line('policy "Synthetic" {')
    w.line('  controller "Synthetic Inc.";')
    w.line('  contact email "privacy@example.com";')
    w.line('  effective 2024-01-01;')
    # Invalid on 2024-01-01: every disclosure to a recipient abroad is a planted conflict.
    w.line('  transfers under privacy_shield;')
    w.line('}')
    for r in range(CATEGORY_ROOTS):
        attribute = " anonymous" if r == 8 else " sensitive" if r == 9 else ""
        children = " ".join(
            "k%d { %s }" % (k, " ".join("g%d;" % g for g in range(CATEGORY_GRANDCHILDREN)))
            for k in range(CATEGORY_CHILDREN))
        w.line("category c%d%s { %s }" % (r, attribute, children))
    w.line("category restricted;")
    for r in range(SOURCE_ROOTS):
        attribute = " anonymous" if r == 9 else ""
        w.line("source s%d%s { %s }" % (
            r, attribute, " ".join("t%d;" % k for k in range(SOURCE_CHILDREN))))
    for r in range(PURPOSE_ROOTS):
        name, basis = ("p%d" % r, "contract")
        if r == 8:
            # The attribute makes it a marketing purpose for the sensitive-data pass.
            name, basis = ("marketing marketing", "consent")
        if r == 9:
            name, basis = ("legal", "legal_obligation")
        w.line("purpose %s basis %s { %s }" % (
            name, basis, " ".join("q%d;" % k for k in range(PURPOSE_CHILDREN))))
    w.line("recipient vendors processor { %s }" % " ".join("v%d;" % i for i in range(VENDORS)))
    w.line("recipient partners third_party { %s }" % " ".join("x%d;" % i for i in range(PARTNERS)))
    w.line("recipient overseas processor abroad { %s }" % " ".join(
        "o%d;" % i for i in range(OVERSEAS)))
    w.line('consent offers opt_in { withdraw via link "the link in every e-mail"; }')
    w.line('consent tracking_toggle opt_out { withdraw via settings "Privacy > Tracking"; }')
    w.line('event account_closed;')


def leaves(rng):
    def category(r):
        return ["c%d.k%d.g%d" % (r, k, g)
                for k in range(CATEGORY_CHILDREN) for g in range(CATEGORY_GRANDCHILDREN)]
    identifying = [c for r in range(8) for c in category(r)]
    sources = ["s%d.t%d" % (r, k) for r in range(9) for k in range(SOURCE_CHILDREN)]
    pairs = [(c, s) for c in identifying for s in sources]
    rng.shuffle(pairs)
    sensitive = [(c, s) for c in category(9) for s in sources]
    rng.shuffle(sensitive)
    anonymous = [(c, s) for c in category(8) for s in sources]
    rng.shuffle(anonymous)
    anonymous_sources = ["s9.t%d" % k for k in range(SOURCE_CHILDREN)]
    return pairs, sensitive, anonymous, anonymous_sources


def ordinary_purposes():
    return ["p%d.q%d" % (r, k) for r in range(8) for k in range(PURPOSE_CHILDREN)]


def umbrella(w):
    """Statements that use every declaration, so that nothing is reported unused."""
    for r in range(CATEGORY_ROOTS):
        w.statement("protect c%d in transit with tls;" % r)
    for r in range(SOURCE_ROOTS):
        w.statement("protect c0 from s%d at rest with encryption;" % r)
    purposes = ", ".join(["p%d" % r for r in range(8)] + ["marketing", "legal"])
    w.statement("retain * as needed for %s;" % purposes)
    w.statement("never disclose restricted to vendors, partners, overseas;")


class Planter:
    """The planted conflicts, one finding each; `plant` writes the next one."""

    def __init__(self, w, rng, pairs, sensitive, anonymous_sources):
        self.w, self.rng = w, rng
        self.pairs, self.sensitive, self.anonymous_sources = pairs, sensitive, anonymous_sources
        self.purposes = ordinary_purposes()
        self.kinds = [
            self.permit_prohibited, self.purpose_limit, self.anonymity, self.linkage,
            self.consent, self.retention, self.processor, self.transfer, self.unused,
            self.never_collected, self.sensitive_data, self.shadowed, self.overridden,
            self.purpose_unspecified, self.opt_out_consent, self.consent_not_carried,
        ]
        self.next = 0
        self.unused_count = 0

    def two_purposes(self):
        return self.rng.sample(self.purposes, 2)

    def plant(self):
        self.kinds[self.next % len(self.kinds)]()
        self.next += 1

    def permit_prohibited(self):
        c, s = self.pairs.pop()
        p = self.rng.choice(self.purposes)
        line = self.w.statement("collect %s from %s for %s;" % (c, s, p))
        self.w.statement("never use %s from %s for %s;" % (c, s, p))
        self.w.expect("err_permit_prohibited", line)

    def purpose_limit(self):
        c, s = self.pairs.pop()
        p, q = self.two_purposes()
        self.w.statement("collect %s from %s for %s only;" % (c, s, p))
        line = self.w.statement("use %s from %s for %s;" % (c, s, q))
        self.w.expect("err_purpose_limit_broken", line)

    def anonymity(self):
        c, _ = self.pairs.pop()
        s = self.rng.choice(self.anonymous_sources)
        line = self.w.statement("collect %s from %s for %s;" % (c, s, self.rng.choice(self.purposes)))
        self.w.expect("err_anonymous_source_identifying", line)

    def linkage(self):
        c1, s = self.pairs.pop()
        # A second fresh category from the same source.
        at = max(i for i in range(len(self.pairs)) if self.pairs[i][1] == s)
        c2, _ = self.pairs.pop(at)
        self.w.statement("collect %s, %s from %s for %s;" % (c1, c2, s, self.rng.choice(self.purposes)))
        self.w.statement("never link %s with %s;" % (c2, c1))
        line = self.w.statement("link %s with %s from %s;" % (c1, c2, s))
        self.w.expect("err_link_prohibited", line)

    def consent(self):
        c, s = self.pairs.pop()
        line = self.w.statement("collect %s from %s for marketing.q%d;" % (
            c, s, self.rng.randrange(PURPOSE_CHILDREN)))
        self.w.expect("err_consent_basis_without_condition", line)

    def retention(self):
        c, s = self.pairs.pop()
        self.w.statement("collect %s from %s for %s;" % (c, s, self.rng.choice(self.purposes)))
        self.w.statement("retain %s from %s for 30 days;" % (c, s))
        line = self.w.statement("retain %s from %s for 60 days;" % (c, s))
        self.w.expect("err_conflicting_retention", line)

    def processor(self):
        c, s = self.pairs.pop()
        p, q = self.two_purposes()
        self.w.statement("collect %s from %s for %s;" % (c, s, p))
        line = self.w.statement("disclose %s from %s to vendors.v%d for %s;" % (
            c, s, self.rng.randrange(VENDORS), q))
        self.w.expect("err_processor_own_purpose", line)

    def transfer(self):
        c, s = self.pairs.pop()
        p = self.rng.choice(self.purposes)
        self.w.statement("collect %s from %s for %s;" % (c, s, p))
        line = self.w.statement("disclose %s from %s to overseas.o%d for %s;" % (
            c, s, self.rng.randrange(OVERSEAS), p))
        self.w.expect("err_transfer_framework_invalid", line)

    def unused(self):
        line = self.w.line("category unused%d { a; b; }" % self.unused_count)
        self.unused_count += 1
        self.w.expect("warn_unused_declaration", line)

    def never_collected(self):
        c, s = self.pairs.pop()
        line = self.w.statement("use %s from %s for %s;" % (c, s, self.rng.choice(self.purposes)))
        self.w.expect("warn_used_never_collected", line)

    def sensitive_data(self):
        c, s = self.sensitive.pop()
        p = self.rng.choice(self.purposes)
        self.w.statement("collect %s from %s for %s;" % (c, s, p))
        line = self.w.statement("disclose %s from %s to partners.x%d for %s;" % (
            c, s, self.rng.randrange(PARTNERS), p))
        self.w.expect("err_sensitive_to_third_party", line)

    def shadowed(self):
        c, s = self.pairs.pop()
        p = self.rng.choice(self.purposes)
        self.w.statement("collect %s from %s for %s;" % (c, s, p))
        line = self.w.statement("use %s from %s for %s;" % (c, s, p))
        self.w.expect("warn_shadowed_statement", line)

    def overridden(self):
        c, s = self.pairs.pop()
        self.w.statement("never collect %s from %s;" % (c, s))
        line = self.w.statement("use %s from %s for %s;" % (c, s, self.rng.choice(self.purposes)))
        self.w.expect("warn_permit_overridden", line)

    def purpose_unspecified(self):
        c, s = self.pairs.pop()
        line = self.w.statement("collect %s from %s;" % (c, s))
        self.w.expect("warn_purpose_unspecified", line)

    def opt_out_consent(self):
        c, s = self.pairs.pop()
        line = self.w.statement("collect %s from %s for marketing.q%d when consent tracking_toggle;" % (
            c, s, self.rng.randrange(PURPOSE_CHILDREN)))
        self.w.expect("warn_opt_out_consent", line)

    def consent_not_carried(self):
        c, s = self.pairs.pop()
        p, q = self.two_purposes()
        self.w.statement("collect %s from %s for %s when consent offers;" % (c, s, p))
        line = self.w.statement("use %s from %s for %s;" % (c, s, q))
        self.w.expect("warn_consent_not_carried", line)


def clean_group(w, rng, pairs, sensitive, anonymous, anonymous_sources, purposes, index):
    """Statements about one fresh (category, source) pair of leaves that agree with each other
    and with everything else."""
    shape = index % 8
    if shape == 5 and sensitive:
        # Sensitive data: protected (umbrella), to processors only, never for marketing.
        c, s = sensitive.pop()
        p, q = rng.sample(purposes, 2)
        w.statement("collect %s from %s for %s;" % (c, s, p))
        w.statement("use %s from %s for %s;" % (c, s, q))
        w.statement("disclose %s from %s to vendors.v%d for %s;" % (c, s, rng.randrange(VENDORS), p))
        return
    if shape == 6 and anonymous:
        # Anonymous data, also from the anonymous sources, linked only with anonymous data.
        c, s = anonymous.pop()
        p = rng.choice(purposes)
        t = rng.choice(anonymous_sources)
        w.statement("collect %s from %s, %s for %s;" % (c, s, t, p))
        w.statement("disclose %s from %s to partners.x%d for %s;" % (c, s, rng.randrange(PARTNERS), p))
        return
    c, s = pairs.pop()
    p, q = rng.sample(purposes, 2)
    if shape == 7:
        # A purpose limitation that everything else respects.
        w.statement("collect %s from %s for %s only;" % (c, s, p))
        w.statement("disclose %s from %s to vendors.v%d for %s;" % (c, s, rng.randrange(VENDORS), p))
        w.statement("retain %s from %s for 1 year after account_closed;" % (c, s))
        return
    w.statement("collect %s from %s for %s;" % (c, s, p))
    if shape == 3:
        w.statement("use %s from %s for marketing.q%d when consent offers;" % (
            c, s, rng.randrange(PURPOSE_CHILDREN)))
    else:
        w.statement("use %s from %s for %s;" % (c, s, q))
    if shape in (0, 4):
        w.statement("disclose %s from %s to vendors.v%d for %s;" % (c, s, rng.randrange(VENDORS), p))
    elif shape == 1:
        w.statement("disclose %s from %s to partners.x%d for %s;" % (c, s, rng.randrange(PARTNERS), q))
    else:
        w.statement("never disclose %s from %s to partners;" % (c, s))
    w.statement("retain %s from %s for %d days;" % (c, s, 30 + index % 300))


def generate(n, seed):
    rng = random.Random(seed)
    w = Writer()
    vocabularies(w)
    pairs, sensitive, anonymous, anonymous_sources = leaves(rng)
    umbrella(w)
    planter = Planter(w, rng, pairs, sensitive, anonymous_sources)
    purposes = ordinary_purposes()
    plants = max(len(planter.kinds), n // 100)
    # Spread the plants evenly through the file, between clean groups.
    index = 0
    planted = 0
    while w.statements < n:
        if planted < plants and w.statements >= planted * n // plants:
            planter.plant()
            planted += 1
            continue
        clean_group(w, rng, pairs, sensitive, anonymous, anonymous_sources, purposes, index)
        index += 1
    while planted < plants:
        planter.plant()
        planted += 1
    return w


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("statements", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    w = generate(args.statements, args.seed)
    with open(args.output, "w") as out:
        out.write("\n".join(w.lines) + "\n")
    expected = args.output[:-len(".policy")] if args.output.endswith(".policy") else args.output
    with open(expected + ".expected.json", "w") as out:
        json.dump(sorted(w.expected, key=lambda e: (e["line"], e["id"])), out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
