#!/usr/bin/env bash
# Times pyBKT 1.4's EM and our BktFitter.Fit in one run on this machine, interleaved, on GLOPs and STATICS, standard BKT
# and BKT with forgetting, and prints a markdown table with both sides of every ratio.
#   pyBKT: ../shared/tools/pybkt/time.py (EM only: the whole fit minus its pandas preparation), 2 OpenMP threads,
#          4 fits of which the first is a warm-up; the median of the other 3.
#   ours:  benchmarks fit-timing (the whole BktFitter.Fit, defaults, 2 threads): the log read, then a full GC (data
#          preparation; pyBKT's is excluded too), a warm-up fit, then the median of 3.
# Both processes run under /usr/bin/time -v for their peak resident memory. Needs pyBKT built by
# ../shared/tools/pybkt/build.sh (PYBKT_LIB, default /tmp/pybkt/lib) and ../shared/data/kt.
# Usage: bash eng/pybkt/side-by-side.sh [extra fit-timing options, e.g. --tolerance 0.001]
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/kt
lib=${PYBKT_LIB:-/tmp/pybkt/lib}
[ -d "$lib/pyBKT" ] || { echo "pyBKT is not built at $lib: run ../shared/tools/pybkt/build.sh" >&2; exit 2; }
dotnet build -c Release benchmarks/PersonalizedLearning.Core.Benchmarks >/dev/null
ours=benchmarks/PersonalizedLearning.Core.Benchmarks/bin/Release/net10.0/PersonalizedLearning.Core.Benchmarks.dll
out=$(mktemp -d)
for ds in glops_pardos2010 statics2011_dkvmn; do
  for model in std forgets; do
    flag=$([ "$model" = forgets ] && echo --forgets || true)
    PYBKT_LIB=$lib /usr/bin/time -v /usr/bin/python3 ../shared/tools/pybkt/time.py "$data/$ds.csv" $flag --repeat 4 --threads 2 \
      >"$out/pybkt_${ds}_$model.json" 2>"$out/pybkt_${ds}_$model.time"
    /usr/bin/time -v dotnet "$ours" fit-timing "$data/$ds.csv" $flag --repeat 3 --threads 2 "$@" \
      >"$out/ours_${ds}_$model.json" 2>"$out/ours_${ds}_$model.time"
  done
done
python3 - "$out" <<'PY'
import json, os, re, statistics, sys
out = sys.argv[1]
def rss(path):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) / 1024 if m else float("nan")
print(f"Machine: {os.cpu_count()} cores; load average now {open('/proc/loadavg').read().split()[0]}.")
print()
print("| log | model | pyBKT EM only (s) | ours, whole fit (s) | speed-up | pyBKT log-likelihood | ours | pyBKT peak RSS (MB) | ours peak RSS (MB) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for ds in ("glops_pardos2010", "statics2011_dkvmn"):
    for model in ("std", "forgets"):
        p = json.load(open(f"{out}/pybkt_{ds}_{model}.json"))
        o = json.load(open(f"{out}/ours_{ds}_{model}.json"))
        py = statistics.median(p["em_only_s"][1:])
        us = o["fit_median_s"]
        print(f"| {ds} | {model} | {py:.4f} | {us:.4f} | **{py / us:.1f}x** | {p['train_loglik']:.2f} | {o['train_loglik']:.2f} | "
              f"{rss(f'{out}/pybkt_{ds}_{model}.time'):.0f} | {rss(f'{out}/ours_{ds}_{model}.time'):.0f} |")
print()
print("pyBKT EM-only runs (s):", {f"{ds}/{m}": json.load(open(f"{out}/pybkt_{ds}_{m}.json"))["em_only_s"] for ds in ("glops_pardos2010", "statics2011_dkvmn") for m in ("std", "forgets")})
print("ours (s):", {f"{ds}/{m}": json.load(open(f"{out}/ours_{ds}_{m}.json"))["fit_wall_s"] for ds in ("glops_pardos2010", "statics2011_dkvmn") for m in ("std", "forgets")})
print("ours, managed bytes allocated per fit:", {f"{ds}/{m}": json.load(open(f"{out}/ours_{ds}_{m}.json"))["allocated_bytes_per_fit"] for ds in ("glops_pardos2010", "statics2011_dkvmn") for m in ("std", "forgets")})
print("raw results:", out)
PY
