#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt,
# and drops lines for symbols that no longer exist (RS0017). Review the diff before committing: the files
# are the record of the package's public API.
set -euo pipefail
# The project is the first argument (a folder under src/), PersonalizedLearning.Core by default.
cd "$(dirname "$0")/../src/${1:-PersonalizedLearning.Core}"
log=$(mktemp)
dotnet build --no-incremental -p:TreatWarningsAsErrors=false 2>&1 | tee "$log" >/dev/null || true
added=$(grep -oE "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -E "s/RS0016: Symbol '(.*)' is not part of the declared public API/\1/" | sort -u || true)
removed=$(grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" "$log" \
  | sed -E "s/RS0017: Symbol '(.*)' is part of the declared API.*/\1/" | sort -u || true)
{
  echo '#nullable enable'
  { grep -v '^#nullable enable' PublicAPI.Unshipped.txt || true; printf '%s\n' "$added"; } \
    | grep -v '^$' | grep -vxF -f <(printf '%s\n' "${removed:-__none__}") | LC_ALL=C sort -u
} > PublicAPI.Unshipped.txt.new
mv PublicAPI.Unshipped.txt.new PublicAPI.Unshipped.txt
echo "public API: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed"
rm -f "$log"
