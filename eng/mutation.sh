#!/usr/bin/env bash
# Mutation testing of PersonalizedLearning.Core with Stryker.NET (the dotnet-stryker local tool pinned in
# .config/dotnet-tools.json), one namespace folder at a time.
#
#   bash eng/mutation.sh [-a] [-c N] [-x TestClass]... Namespace [Namespace ...]
#
# Each Namespace is a folder under src/PersonalizedLearning.Core, mutated with its sub-folders:
#   Competencies            src/PersonalizedLearning.Core/Competencies/**
#   Mastery/KnowledgeTracing one sub-namespace
#   'Mastery/*.cs'          only the files directly in Mastery (quote it), recorded as "Mastery (top level)"
#   .                       only the files directly in the project folder, recorded as "(top level)", against the test
#                           classes directly in the test project's folder
# The namespaces given run together in one Stryker run against tests/PersonalizedLearning.Core.Tests (one build and one
# initial test run, which on this machine cost more than the mutants of a small namespace), with coverage analysis
# per test (eng/mutation/stryker-config.json): each mutant runs only the tests that cover it, and a mutant no test
# reaches is "no coverage" without running anything. Results are still reported per namespace.
#
# Tests: by default only the namespaces' mirrored test folders run (tests/PersonalizedLearning.Core.Tests/<Namespace>/,
# a --test-case-filter on PersonalizedLearning.Tests.<Namespace>.), so the score is a lower bound: a mutant another
# folder's tests would kill counts as survived. -a runs the whole suite against each mutant's coverage instead; on this
# machine the whole suite under Stryker's coverage capture did not finish (it went idle after 25 minutes), so the
# committed rows use the mirrored tests.
#
# -x TestClass (repeatable) leaves a test class of the mirrored folder out, and the row says so. This is for test
# classes that Stryker's coverage capture cannot finish: while it captures, every pass through mutated code takes a
# lock and searches a list of the mutants covered so far (Stryker.NET 5.1's MutantControl.RegisterCoverage), so a test
# that runs an EM fit over a real log for seconds takes hours. Mutants only such a test would kill count as survived;
# the survivors file says which of them the left-out tests kill, applied by hand.
#
# Output: artifacts/mutation/<namespace>[+<namespace>...]/ (ignored by git, under artifacts/) holds Stryker's log and
# its HTML, JSON and Markdown reports, plus survivors.txt (file:line:column, status, mutator, replacement of every
# survived or uncovered mutant). eng/mutation/README.md (committed) gets one row per namespace, replaced on each run:
# mutants, killed, survived, timeout, no coverage, compile errors, score, bar, wall clock of the whole run, commit and
# date. Survivors accounted for as equivalent are listed in eng/mutation/<Namespace>-survivors.md, by hand.
#
# Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's mutation score; compile errors
# (mutants the compiler rejects) do not count. Bar: 80 % for Competencies, Mastery (every sub-namespace), Observations
# and Interop, 70 % elsewhere. The script exits non-zero when Stryker fails, not when a score is under its bar.
#
# Not run in CI: on a 2-core machine a namespace takes from minutes (Competencies) to hours (Mastery). The machine is
# shared, so Stryker runs under nice (10; MUTATION_NICE changes it) with concurrency 1 by default (-c 2, or
# STRYKER_CONCURRENCY=2, to use both cores); see eng/mutation/README.md for the measured difference.
#
# Property and fuzz tests run at most PROPERTY_ITERATIONS cases each (default 20; PROPERTY_ITERATIONS=0 runs their own
# counts); their floors on how often a branch ran are reported, not asserted, in such a run.
#
# The tests that compare with ../shared/data run when the data is beside the repository, or when
# PERSONALIZEDLEARNING_SHARED_DATA names it (a worktree elsewhere); otherwise they skip, and mutants only they would
# kill survive. The script warns when neither is there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
concurrency=${STRYKER_CONCURRENCY:-1}
all_tests=0
excluded=()
while getopts "ac:x:" option; do
  case $option in
    a) all_tests=1 ;;
    c) concurrency=$OPTARG ;;
    x) excluded+=("$OPTARG") ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if (($# == 0)); then
  sed -n '2,15p' "$0" >&2
  exit 2
fi

src=$root/src/PersonalizedLearning.Core
tests=$root/tests/PersonalizedLearning.Core.Tests
if [ -z "${PERSONALIZEDLEARNING_SHARED_DATA:-}" ] && [ ! -d "$root/../shared/data" ]; then
  echo "warning: ../shared/data is absent and PERSONALIZEDLEARNING_SHARED_DATA is unset: the reference-data tests skip" >&2
fi

cd "$root"
dotnet tool restore >/dev/null
# The commit the row names; a copy of the tree without .git says so with MUTATION_COMMIT.
commit=${MUTATION_COMMIT:-$(git rev-parse --short HEAD)}
if [ -z "${MUTATION_COMMIT:-}" ] && [ -n "$(git status --porcelain -- src tests)" ]; then
  commit="$commit+changes"
fi

patterns=()
selections=()
filters=()
slugs=()
for namespace in "$@"; do
  namespace=${namespace%/}
  if [[ $namespace == . ]]; then
    # The files directly in the project folder (PersonalizedLearningEngine, Identifier, OptionProblems, Printing...),
    # against the test classes directly in the test project's folder (their files are named *Tests.cs).
    patterns+=(--mutate "**/src/PersonalizedLearning.Core/*.cs")
    slugs+=("top")
    selections+=(--namespace "(top level)|src/PersonalizedLearning.Core|1|70")
    for file in "$tests"/*Tests.cs; do
      class=$(basename "$file" .cs)
      filters+=("FullyQualifiedName~PersonalizedLearning.Tests.$class.")
    done
    continue
  fi
  if [[ $namespace == */\*.cs ]]; then
    folder=${namespace%/\*.cs}
    patterns+=(--mutate "**/src/PersonalizedLearning.Core/$folder/*.cs")
    label="$folder (top level)"
    slugs+=("${folder//\//-}-top")
    top=1
  else
    folder=$namespace
    patterns+=(--mutate "**/src/PersonalizedLearning.Core/$folder/**/*.cs")
    label=$folder
    slugs+=("${folder//\//-}")
    top=0
  fi
  if [ ! -d "$src/$folder" ]; then
    echo "no such namespace folder: src/PersonalizedLearning.Core/$folder" >&2
    exit 2
  fi
  case ${folder%%/*} in
    Competencies | Mastery | Observations | Interop) bar=80 ;;
    *) bar=70 ;;
  esac
  selections+=(--namespace "$label|src/PersonalizedLearning.Core/$folder|$top|$bar")
  filters+=("FullyQualifiedName~PersonalizedLearning.Tests.${folder//\//.}.")
done
if ((all_tests)); then
  filter_option=()
  tests_used="all tests"
else
  filter="$(IFS='|'; echo "${filters[*]}")"
  tests_used="mirrored tests"
  if ((${#excluded[@]} > 0)); then
    filter="($filter)"
    for class in "${excluded[@]}"; do
      filter="$filter&FullyQualifiedName!~.$class."
    done
    tests_used="$tests_used but $(IFS=,; echo "${excluded[*]}" | sed 's/,/, /g')"
  fi
  filter_option=(--test-case-filter "$filter")
fi

# Property and fuzz tests run at most PROPERTY_ITERATIONS cases each (20 unless set; 0 runs their full counts), and
# CsCheck's default count is the same, so that the tests covering a mutant take about a second rather than tens of
# seconds (tests/PersonalizedLearning.Core.Tests/PropertyRuns.cs). Every property is still checked on the cases run;
# only the floors on how often a branch was reached are reported rather than asserted, so no mutant is killed by chance.
iterations=${PROPERTY_ITERATIONS:-20}
if ((iterations > 0)); then
  export PROPERTY_ITERATIONS=$iterations CsCheck_Iter=$iterations
else
  unset PROPERTY_ITERATIONS
fi
if [ -n "${PROPERTY_ITERATIONS:-}" ]; then
  tests_used="$tests_used, at most $PROPERTY_ITERATIONS cases per property"
fi
slug=$(IFS=+; echo "${slugs[*]}")
out=$root/artifacts/mutation/$slug
rm -rf "$out"
mkdir -p "$out"
echo "== $*: Stryker, concurrency $concurrency, property iterations ${PROPERTY_ITERATIONS:-full}, output $out"
started=$(date +%s)
# Stryker finds the project under test from the test project's references; it runs from the test project's folder.
(cd "$tests" && nice -n "${MUTATION_NICE:-10}" dotnet dotnet-stryker \
  --config-file "$root/eng/mutation/stryker-config.json" \
  "${patterns[@]}" \
  "${filter_option[@]}" \
  --concurrency "$concurrency" \
  --output "$out" \
  --skip-version-check) 2>&1 | tee "$out/stryker.log"
elapsed=$(($(date +%s) - started))

report=$(find "$out" -name mutation-report.json | head -n 1)
if [ -z "$report" ]; then
  echo "Stryker wrote no JSON report; see $out/stryker.log" >&2
  exit 1
fi
/usr/bin/python3 "$root/eng/mutation/summarize.py" \
  --report "$report" --root "$root" "${selections[@]}" --commit "$commit" \
  --date "$(date -u +%Y-%m-%d)" --minutes "$((elapsed / 60))" --concurrency "$concurrency" --tests "$tests_used" \
  --summary "$root/eng/mutation/README.md" --survivors "$out/survivors.txt"
