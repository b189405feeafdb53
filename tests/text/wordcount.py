#!/usr/bin/env python3
"""Word counts of the generated policy text, counted the way a reader sees it.

    wordcount.py --policyc build/policyc [--policies policies] [--seed FILE]
                 [--limit NAME:LAYER:WORDS ...]

For every policy in --policies it renders the Markdown of each layer (`--layer=full` and
`--layer=short`) and prints its word count; --seed counts a Markdown file the same way (the
2016 original of the Plantronics policy). A --limit makes the run fail when the layer of that
policy has more words (the test text/wordcount). Run it from the repository root.

What counts as a word (the same for generated text and the original): a whitespace-separated
token holding a letter or digit, once HTML comments (our traces), link targets, table rules
and Markdown markup are taken out. So "[privacy policy](http://...)" is two words and a trace
comment none.
"""
import argparse
import os
import re
import subprocess
import sys

LAYERS = ("full", "short")


def count_words(markdown):
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    # A link or image is its text: [text](target) and <http://...> autolinks.
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?:|mailto:)[^>]*>", " link ", text)
    # Table rules (| --- | --- |) and cell separators are layout.
    text = re.sub(r"^\s*\|?\s*:?-{3,}.*$", " ", text, flags=re.M)
    text = text.replace("|", " ")
    return sum(1 for token in text.split() if re.search(r"\w", token))


def render(policyc, policy, layer):
    result = subprocess.run(
        [policyc, "gen", "text", policy, "--format=md", "--layer=" + layer, "-o", "-"],
        capture_output=True, text=True)
    if result.returncode != 0:
        return None
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--policies", default="policies")
    parser.add_argument("--seed", help="a Markdown file to count the same way")
    parser.add_argument("--limit", action="append", default=[],
                        help="NAME:LAYER:WORDS, e.g. plantronics-corrected:full:4810")
    args = parser.parse_args()

    counts = {}
    print("%-40s %8s %8s" % ("policy", "full", "short"))
    for name in sorted(os.listdir(args.policies)):
        if not name.endswith(".policy"):
            continue
        stem = name[: -len(".policy")]
        row = []
        for layer in LAYERS:
            text = render(args.policyc, os.path.join(args.policies, name), layer)
            counts[(stem, layer)] = None if text is None else count_words(text)
            row.append("errors" if text is None else str(counts[(stem, layer)]))
        print("%-40s %8s %8s" % (stem, row[0], row[1]))
    if args.seed:
        with open(args.seed, encoding="utf-8") as seed:
            print("%-40s %8d" % (os.path.basename(args.seed) + " (original)",
                                 count_words(seed.read())))

    failed = False
    for limit in args.limit:
        stem, layer, words = limit.rsplit(":", 2)
        count = counts.get((stem, layer))
        if count is None:
            print("wordcount: %s (%s) has no count: missing or has errors" % (stem, layer))
            failed = True
        elif count > int(words):
            print("wordcount: %s (%s) has %d words, more than %s" % (stem, layer, count, words))
            failed = True
        else:
            print("wordcount: %s (%s): %d words, at most %s" % (stem, layer, count, words))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
