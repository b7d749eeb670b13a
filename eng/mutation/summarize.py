"""Summarizes one Stryker.NET run (its mutation-report.json) for eng/mutation.sh.

Replaces each namespace's row in the table of eng/mutation/README.md (between the <!-- mutation-table --> markers) and
writes the survivors (survived and no coverage, by file and line) to a text file beside the report.
"""
import argparse
import json
import os
import re

parser = argparse.ArgumentParser()
for name in ("report", "root", "commit", "date", "minutes", "concurrency", "tests", "summary", "survivors"):
    parser.add_argument("--" + name, required=True)
# label|folder relative to the root|1 for the folder's own files only, 0 with its sub-folders|bar in percent
parser.add_argument("--namespace", action="append", required=True)
args = parser.parse_args()

with open(args.report, encoding="utf-8") as f:
    report = json.load(f)

def belongs(relative, folder, top):
    relative = relative.replace(os.sep, "/")
    if top:
        return os.path.dirname(relative) == folder
    return relative.startswith(folder + "/")


header = ("| Namespace | Mutants | Killed | Survived | Timeout | No coverage | Compile errors | Score | Bar | "
          "Wall clock | Commit | Date |\n"
          "|---|--:|--:|--:|--:|--:|--:|--:|---|---|---|---|")
new_rows = {}
survivors = []
for selection in args.namespace:
    label, folder, top, bar = selection.split("|")
    counts = {}
    for path, entry in report["files"].items():
        relative = os.path.relpath(path, args.root) if os.path.isabs(path) else path
        if not belongs(relative, folder, top == "1"):
            continue
        for mutant in entry["mutants"]:
            status = mutant["status"]
            counts[status] = counts.get(status, 0) + 1
            if status in ("Survived", "NoCoverage"):
                start = mutant["location"]["start"]
                survivors.append((relative, start["line"], start["column"], status, mutant["mutatorName"],
                                  mutant.get("replacement", "").replace("\n", " ")))
    killed = counts.get("Killed", 0)
    survived = counts.get("Survived", 0)
    timeout = counts.get("Timeout", 0)
    no_coverage = counts.get("NoCoverage", 0)
    compile_errors = counts.get("CompileError", 0)
    # Ignored mutants (those the configuration's ignore-methods filter out) are not mutants of the run.
    mutants = sum(n for status, n in counts.items() if status != "Ignored")
    detected = killed + timeout
    valid = detected + survived + no_coverage
    score = 100.0 * detected / valid if valid else 100.0
    verdict = "meets" if score >= int(bar) else "below"
    new_rows[label] = (f"| {label} | {mutants} | {killed} | {survived} | {timeout} | {no_coverage} | {compile_errors} | "
                       f"{score:.1f} % | {bar} % ({verdict}) | {args.minutes} min (c={args.concurrency}, {args.tests}) | "
                       f"{args.commit} | {args.date} |")

with open(args.summary, encoding="utf-8") as f:
    text = f.read()
match = re.search(r"<!-- mutation-table -->\n(.*?)<!-- /mutation-table -->", text, re.S)
if not match:
    raise SystemExit(f"{args.summary} has no <!-- mutation-table --> ... <!-- /mutation-table --> block")
rows = [line for line in match.group(1).splitlines() if line.startswith("| ") and not line.startswith("| Namespace")]
rows = [line for line in rows if line.split("|")[1].strip() not in new_rows] + list(new_rows.values())
rows.sort(key=lambda line: line.split("|")[1].strip())
table = header + "\n" + "\n".join(rows) + "\n"
text = text[:match.start(1)] + table + text[match.end(1):]
with open(args.summary, "w", encoding="utf-8") as f:
    f.write(text)

survivors.sort()
with open(args.survivors, "w", encoding="utf-8") as f:
    for relative, line, column, status, mutator, replacement in survivors:
        f.write(f"{relative}:{line}:{column}\t{status}\t{mutator}\t{replacement}\n")

for row in new_rows.values():
    print(row)
print(f"{len(survivors)} survivors (survived or no coverage) listed in {args.survivors}")
