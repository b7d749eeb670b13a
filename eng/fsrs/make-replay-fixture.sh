#!/usr/bin/env bash
# Regenerates tests/PersonalizedLearning.Core.Tests/Mastery/Retention/Fixtures/ts-fsrs-5.4.2-replay.json.gz from
# ts-fsrs 5.4.2 (npm): seeded review histories and ts-fsrs's output after every review. Needs node and npm.
# Deterministic (seeded; gzip without a timestamp).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent ts-fsrs@5.4.2 >/dev/null && tar xzf ts-fsrs-5.4.2.tgz)
node "$root/eng/fsrs/make_replay_fixture.mjs" "$work/package" \
  "$root/tests/PersonalizedLearning.Core.Tests/Mastery/Retention/Fixtures/ts-fsrs-5.4.2-replay.json.gz"
