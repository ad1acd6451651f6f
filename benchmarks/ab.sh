#!/bin/bash
# Compares two builds of nommer-sim on the same M/M/16 run, interleaving their
# runs so that load on the machine hits both alike, and prints the minimum and
# median user CPU time of each and the speed ratio of B to A (by medians).
#
# usage: benchmarks/ab.sh BINARY_A BINARY_B [RUNS (default 7)] [JOBS (default 300000)]
# e.g.:  cp .build/release/nommer-sim /tmp/before   # then change, rebuild, and
#        benchmarks/ab.sh /tmp/before .build/release/nommer-sim
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 BINARY_A BINARY_B [RUNS] [JOBS]" >&2
    exit 2
fi
a=$1 b=$2 runs=${3:-7} jobs=${4:-300000}
for binary in "$a" "$b"; do
    [ -x "$binary" ] || { echo "$0: $binary is not an executable file" >&2; exit 2; }
done
scenario="$(cd "$(dirname "$0")/.." && pwd)/scenarios/mmc.yaml"
TIMEFORMAT=%U # bash's own timer: user CPU seconds of the command
cpu() { { time "$1" run "$scenario" --set "jobs=$jobs" --format json >/dev/null 2>&1; } 2>&1; }
times_a=() times_b=()
for _ in $(seq "$runs"); do
    times_a+=("$(cpu "$a")")
    times_b+=("$(cpu "$b")")
done
python3 - "${times_a[*]}" "${times_b[*]}" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]
b = [float(x) for x in sys.argv[2].split()]
print(f"A: min {min(a):.3f} s, median {statistics.median(a):.3f} s of user CPU")
print(f"B: min {min(b):.3f} s, median {statistics.median(b):.3f} s of user CPU")
print(f"B runs {statistics.median(a) / statistics.median(b):.3f}x as fast as A (medians)")
PY
