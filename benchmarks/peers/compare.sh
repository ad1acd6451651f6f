#!/usr/bin/env bash
# Runs the same M/M/16 queue (utilization 0.9, mean service 300 s) in SimPy and
# in nommer-sim (release build, one core), and prints both speeds, the ratio
# (of wall time, and of processor time, which a busy machine disturbs less),
# both mean waits and Erlang C's.
# Usage: benchmarks/peers/compare.sh [JOBS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
jobs="${1:-1000000}"
python3 -c "import simpy" 2>/dev/null || pip install --quiet simpy
scripts/bootstrap
swift build -c release --product nommer-sim >&2
echo "SimPy: $jobs jobs ..." >&2
simpy=$(python3 benchmarks/peers/simpy_mmc.py --jobs "$jobs")
echo "nommer-sim: $jobs jobs ..." >&2
figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
.build/release/nommer-sim bench --case mmc16 --jobs "$jobs" --json "$figures" >&2
ours=$(cat "$figures")
python3 - "$simpy" "$ours" <<'PY'
import json, math, sys
simpy = json.loads(sys.argv[1])
ours = json.loads(sys.argv[2])[0]
c, rho, s = 16, 0.9, 300.0
a = rho * c
b = 1.0
for k in range(1, c + 1):
    b = a * b / (k + a * b)
erlang_c = b / (1 - rho + rho * b)
wq = erlang_c / (c / s - rho * c / s)
print(f"SimPy       {simpy['jobs_per_second']:>12,.0f} jobs/s  mean wait {simpy['mean_wait_seconds']:8.2f} s")
print(f"nommer-sim  {ours['jobsPerSecond']:>12,.0f} jobs/s  mean wait {ours['meanWaitSeconds']:8.2f} s")
print(f"Erlang C                          mean wait {wq:8.2f} s")
print(f"ratio nommer-sim / SimPy: {ours['jobsPerSecond'] / simpy['jobs_per_second']:.1f}x (wall time)")
print(f"per CPU-second: SimPy {simpy['jobs_per_cpu_second']:,.0f}, nommer-sim {ours['jobsPerCPUSecond']:,.0f} jobs/s: "
      f"{ours['jobsPerCPUSecond'] / simpy['jobs_per_cpu_second']:.1f}x (steadier on a busy machine)")
PY
