#!/usr/bin/env bash
# Builds the documentation site (docs/) with docfx, a local dotnet tool (.config/dotnet-tools.json), offline:
#   bash eng/docs.sh           API reference from the XML docs of every package under src/, articles, into docs/_site
#   bash eng/docs.sh --serve   the same, then serves it on http://localhost:8080
# Warnings are errors: a broken link, an unresolved xref or a missing file (a code snippet's source included) fails
# the build; then every relative link and anchor in the written HTML is checked against the files written
# (eng/check-site.cs), and so is every code snippet's region.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dotnet tool restore >/dev/null
# docfx loads the core without building it, so the identifier structs' members (written by eng/IdentifierGenerator, which
# the core runs as an analyzer) exist for it only if the generator's assembly does: build it first.
dotnet build eng/IdentifierGenerator -c Release --nologo -v quiet >/dev/null
# docfx loads each project through Roslyn's MSBuild workspace, which warns that PublicAPI.*.txt is an AdditionalFile twice
# (listed in the project and added again by PublicApiAnalyzers 5.x); docs/metadata.targets drops the duplicate for
# docfx's load only (an environment variable becomes an MSBuild property), so the real build is untouched.
export CustomAfterMicrosoftCommonTargets="$root/docs/metadata.targets"
rm -rf docs/_site docs/api/*.yml
dotnet docfx metadata docs/docfx.json --warningsAsErrors
unset CustomAfterMicrosoftCommonTargets
dotnet docfx build docs/docfx.json --warningsAsErrors
dotnet run eng/check-site.cs -- docs
echo "docs: site written to $root/docs/_site"
if [ "${1:-}" = "--serve" ]; then
  dotnet docfx serve docs/_site --port 8080
fi
