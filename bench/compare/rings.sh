#!/usr/bin/env bash
# Rings, side by side in one run: DPDK 22.11's ring_perf_autotest (dpdk-test) and FastPath's RingBenchmarks, both
# reporting TSC cycles per enqueue-bulk + dequeue-bulk call pair on one core. Prints a table with the ratio
# DPDK cycles / FastPath cycles (above 1.0: FastPath is faster) and saves it under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v dpdk-test >/dev/null || { echo "dpdk-test not found: apt-get install -y dpdk-dev" >&2; exit 1; }

dpdk_log=$(mktemp)
echo ring_perf_autotest | dpdk-test -l 0 --no-pci --in-memory --log-level=error >"$dpdk_log" 2>&1
dotnet run -c Release --project bench/FastPath.Benchmarks -- --filter 'FastPath.Benchmarks.Rings.RingBenchmarks*' --job short >"$dpdk_log.fp" 2>&1

dpdk() { grep -m1 "^legacy APIs: $1: bulk (size: $2)" "$dpdk_log" | awk -F': ' '{print $NF}'; }
# The BenchmarkDotNet summary table: find the Bulk, Sync and Cycles columns by their headers, then the row.
fastpath() {
    awk -F'|' -v sync="$1" -v bulk="$2" '
        /^\| *Method/ || /^\| *Namespace/ { for (i = 1; i <= NF; i++) { h = $i; gsub(/ /, "", h); col[h] = i; if (h ~ /^Cycles/) cycles = i } next }
        /EnqueueDequeueBulk/ { b = $col["Bulk"]; s = $col["Sync"]; c = $cycles; gsub(/ /, "", b); gsub(/ /, "", s); gsub(/ /, "", c)
                               if (b == bulk && s == sync) { print c; exit } }' "$dpdk_log.fp"
}

out="bench/results/$(date +%F)-rings-vs-dpdk.md"
{
    echo "Rings vs DPDK $(dpkg-query -W -f='${Version}' dpdk-dev), $(date +%F), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
    echo
    echo "| enqueue+dequeue bulk | DPDK cycles | FastPath cycles | ratio |"
    echo "|---|---|---|---|"
    for sync in "SP/SC:Single" "MP/MC:Multi"; do
        for bulk in 8 32; do
            d=$(dpdk "${sync%%:*}" "$bulk")
            f=$(fastpath "${sync##*:}" "$bulk")
            echo "| ${sync%%:*} $bulk | $d | $f | $(awk -v d="$d" -v f="$f" 'BEGIN { printf "%.2f", d / f }') |"
        done
    done
} | tee "$out"
rm -f "$dpdk_log" "$dpdk_log.fp"
