#!/usr/bin/env bash
# Regenerates tests/PersonalizedLearning.Core.Tests/Mastery/Retention/TsFsrsClampFixture.cs from ts-fsrs 5.4.2 (npm):
# which FSRS-6 weights ts-fsrs keeps as given and which it clamps. Needs node and npm. Deterministic (seeded).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent ts-fsrs@5.4.2 >/dev/null && tar xzf ts-fsrs-5.4.2.tgz)
node "$root/eng/fsrs/make_clamp_fixture.mjs" "$work/package" \
  "$root/tests/PersonalizedLearning.Core.Tests/Mastery/Retention/TsFsrsClampFixture.cs"
