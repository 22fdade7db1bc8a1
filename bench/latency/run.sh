#!/usr/bin/env bash
# TX drain policies side by side: l2fwd --demo (pktgen → ring → l2fwd → ring → receiver, two lcores) with
# --tx-drain adaptive and --tx-drain 100us (DPDK l2fwd's timer), at 1 Mpps, 5 Mpps and unlimited. Prints a markdown
# table of the receiver's latency percentiles (p50, p99, p99.9, max) and the end-to-end rate, and saves it as
# bench/results/DATE-tx-drain-latency-HHMMZ.md. Run it on a quiet machine: every other process on the two demo cores shows in the tail.
#   bench/latency/run.sh [SECONDS per run, default 10] [REPEATS per cell, default 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
repeats=${2:-1}

dotnet build apps/l2fwd -c Release -v quiet -nologo >/dev/null
l2fwd=apps/l2fwd/bin/Release/net10.0/l2fwd.dll

out="bench/results/$(date -u +%F)-tx-drain-latency-$(date -u +%H%MZ).md"
{
    echo "l2fwd --demo over rings, 64-byte frames, ${seconds} s per run, $(date -u '+%F %H:%M UTC'), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| --tx-drain | rate | run | p50 µs | p99 µs | p99.9 µs | max µs | avg µs | end to end Mpps | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for rate in 1mpps 5mpps unlimited; do
        for drain in adaptive 100us; do
            for run in $(seq 1 "$repeats"); do
                log=$(mktemp)
                dotnet "$l2fwd" --demo --rate "$rate" --tx-drain "$drain" --duration "$seconds" --stats-interval 0 >"$log" 2>&1 || true
                # latency: min N ns, avg N ns, p50 N ns, p99 N ns, p99.9 N ns, max N ns
                read -r p50 p99 p999 max avg < <(sed -nE 's/^latency: min [0-9]+ ns, avg ([0-9]+) ns, p50 ([0-9]+) ns, p99 ([0-9]+) ns, p99\.9 ([0-9]+) ns, max ([0-9]+) ns.*/\2 \3 \4 \5 \1/p' "$log" | awk '{ printf "%.1f %.1f %.1f %.1f %.1f\n", $1/1000, $2/1000, $3/1000, $4/1000, $5/1000 }')
                mpps=$(sed -nE 's/^generator: .*\(([0-9.]+) Mpps end to end\)/\1/p' "$log")
                verdict=$(grep -oE '^(PASS|FAIL)' "$log" || echo "no verdict")
                echo "| $drain | $rate | $run | $p50 | $p99 | $p999 | $max | $avg | $mpps | $verdict |"
                rm -f "$log"
            done
        done
    done
} | tee "$out"
echo "saved to $out" >&2
