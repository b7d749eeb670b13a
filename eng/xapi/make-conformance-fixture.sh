#!/usr/bin/env bash
# Regenerates tests/PersonalizedLearning.Core.Tests/Interop/Fixtures/adl-lrs-conformance-1.0.3.json from ADL's LRS
# conformance test suite at a pinned commit. Needs node and git; ADL_SUITE_GIT may name a local clone (bare or not),
# else the suite is cloned from GitHub.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
commit=2ec25f2eb8ccfcb7cb63ec2679dbd965f9f6ffdc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=${ADL_SUITE_GIT:-}
if [ -z "$src" ]; then
  git clone -q --bare https://github.com/adlnet/lrs-conformance-test-suite "$work/suite.git"
  src="$work/suite.git"
fi
mkdir "$work/suite"
git --git-dir="$src" archive "$commit" test/v1_0_3 | tar -x -C "$work/suite"
node "$root/eng/xapi/make_conformance_fixture.mjs" "$work/suite" "$commit" \
  "$root/tests/PersonalizedLearning.Core.Tests/Interop/Fixtures/adl-lrs-conformance-1.0.3.json"
