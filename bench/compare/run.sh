#!/usr/bin/env bash
# FastPath against DPDK 22.11 on the same work, in one run, both on 2 MiB hugepages with equal pool sizes. Each
# pairing runs ROUNDS times, alternating which side goes first; the report gives medians with min–max.
#   null-io     io forwarding between two null ports, one core: FastPath l2fwd --no-mac-updating vs testpmd io
#               (16384 buffers each);
#   null-mac    forwarding with MAC rewrite: FastPath l2fwd vs DPDK's own l2fwd example, built here from Debian's
#               dpdk-doc sources (nothing of DPDK's is committed; 8192 buffers each, the example's own pool size);
#   mempool-*   get+put with the lcore cache and packet alloc+free at bulk 1, 8 and 32, in TSC cycles per object:
#               FastPath's MempoolBenchmarks vs bench/compare/harness/mempool_cycles.c;
#   ring-*      enqueue+dequeue bulk 8 and 32, single and multi producer/consumer, cycles per call pair:
#               FastPath's RingBenchmarks vs ring_perf_autotest (dpdk-test);
#   af-packet   AF_PACKET on veth pairs: pktgen floods fpbA0 → fpbA1, the forwarder moves fpbA1 → fpbB1; the
#               generator's own rate is printed beside both forwarders, since on few cores it bounds them.
# Writes bench/results/DATE-compare.json and DATE-compare.png and regenerates the README's comparison table.
# Needs root (hugepages, veth), dpdk-dev, dpdk-doc, make, pkg-config, a C compiler and iproute2 (tests/install-deps.sh
# installs them). About 12 minutes with the defaults.
#   usage: bench/compare/run.sh [ROUNDS] [SECONDS_PER_RUN]      (defaults 3 and 10; KEEP=1 keeps every log)
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
GEN_CORE=0
FWD_CORE=1
HUGEPAGES=1024
WORK=$(mktemp -d /tmp/fastpath-compare.XXXXXX)
SAMPLES=$WORK/samples.tsv
hugepages_file=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages

die() { echo "bench/compare/run.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (hugepages, AF_PACKET, veth); run it with sudo"
for tool in dpdk-testpmd dpdk-test make pkg-config cc ip; do
    command -v "$tool" >/dev/null || die "$tool not found; run tests/install-deps.sh (apt-get install dpdk-dev dpdk-doc make pkg-config gcc iproute2)"
done
[[ -d /usr/share/dpdk/examples/l2fwd ]] || die "DPDK's example sources are missing; apt-get install dpdk-doc"
[[ $(nproc) -ge 2 ]] || die "needs at least 2 cores (generator and DPDK main lcore on core 0, forwarder on core 1)"
[[ $ROUNDS -ge 1 && $SECONDS_PER_RUN -ge 6 ]] || die "usage: bench/compare/run.sh [ROUNDS >= 1] [SECONDS_PER_RUN >= 6] (the first two seconds of each run are warm-up)"

# The hugepage tests take this lock before they change nr_hugepages; hold it for the whole run so neither side
# of a pairing loses its pages to a test that runs meanwhile.
exec 9>/tmp/fastpath-hugepages.lock
flock 9
hugepages_before=$(cat "$hugepages_file")
load_before=$(cut -d" " -f1-3 /proc/loadavg)
cleanup() {
    ip link del fpbA0 2>/dev/null || true
    ip link del fpbB0 2>/dev/null || true
    echo "$hugepages_before" >"$hugepages_file"
    if [[ ${KEEP:-0} == 1 ]]; then echo "logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
echo "$HUGEPAGES" >"$hugepages_file"
[[ $(cat "$hugepages_file") -ge $HUGEPAGES ]] || die "could reserve only $(cat "$hugepages_file") of $HUGEPAGES 2 MiB hugepages; free memory or reboot"

echo "Building FastPath (Release), DPDK's l2fwd example and the mempool harness…" >&2
for project in apps/l2fwd apps/pktgen bench/FastPath.Benchmarks bench/FastPath.CompareReport; do
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
done
cp -r /usr/share/dpdk/examples/l2fwd "$WORK/dpdk-l2fwd"
make -s -C "$WORK/dpdk-l2fwd" >/dev/null
# shellcheck disable=SC2046 # pkg-config prints several words on purpose
cc -O3 $(pkg-config --cflags libdpdk) bench/compare/harness/mempool_cycles.c -o "$WORK/mempool_cycles" $(pkg-config --libs libdpdk)
L2FWD=(dotnet apps/l2fwd/bin/Release/net10.0/l2fwd.dll)
PKTGEN=(dotnet apps/pktgen/bin/Release/net10.0/pktgen.dll)
BENCH=(dotnet bench/FastPath.Benchmarks/bin/Release/net10.0/FastPath.Benchmarks.dll)
EAL=(--in-memory --no-pci --log-level=lib.eal:error)
TESTPMD=(dpdk-testpmd -l "$GEN_CORE,$FWD_CORE" "${EAL[@]}")
DPDK_L2FWD=("$WORK/dpdk-l2fwd/build/l2fwd" -l "$FWD_CORE" "${EAL[@]}")
# In process: no per-run build of a boilerplate project (pinned to one core, that build alone outlasts its timeout).
BDN=(--job short --warmupCount 6 --iterationCount 9 --launchCount 1 --inProcess)

# sample PAIRING LABEL UNIT SIDE ROUND VALUE: appends one measurement; a side that printed nothing is reported, not faked.
sample() {
    if [[ -z $6 || $6 == n/a ]]; then
        echo "  $1 round $5: $4 printed no figure (its log: $WORK)" >&2
        return
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$SAMPLES"
    echo "  $1 round $5: $4 $6 $3" >&2
}

# run_for LOG COMMAND...: runs the command for SECONDS_PER_RUN seconds, then SIGTERMs it (a script's background jobs ignore SIGINT).
run_for() {
    local log=$1; shift
    "$@" >"$log" 2>&1 </dev/null &
    local pid=$!
    sleep "$SECONDS_PER_RUN"
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Mean of FastPath l2fwd's per-second TX Mpps of the row starting with $2, skipping the first two seconds.
fastpath_mpps() {
    awk -v row="$2" '
        /^port / { sample++ }
        /^Totals over/ { exit }
        index($0, row) == 1 && sample > 2 { sum += $(NF-2); n++ }
        END { if (n) printf "%.3f", sum / n; else print "n/a" }' "$1"
}

# Mean of testpmd's per-second Tx-pps over the ports listed in $2 (in Mpps), skipping the first two reports.
testpmd_mpps() {
    awk -v ports="$2" '
        BEGIN { split(ports, list, " "); for (i in list) want[list[i]] = 1 }
        /NIC statistics for port/ { port = $(NF-1); if (port in want) sample[port]++ }
        /Tx-pps:/ && (port in want) && sample[port] > 2 { sum += $2; n++ }
        END { if (n) printf "%.3f", sum / (n / length(want)) / 1e6; else print "n/a" }' "$1"
}

# Mean per-second rate of DPDK l2fwd's "Total packets sent" (printed every second with -T 1), skipping two reports.
dpdk_l2fwd_mpps() {
    awk '/Total packets sent:/ { n++; if (n > 2) { sum += $NF - last; k++ } last = $NF }
         END { if (k) printf "%.3f", sum / k / 1e6; else print "n/a" }' "$1"
}

# The "(handed)" row's TX Mpps of a pktgen summary: the generator's own rate.
generator_mpps() { awk '/^Totals over/ { t = 1 } t && /\(handed\)/ { print $(NF-2); exit }' "$1"; }

# TSC cycles of a BenchmarkDotNet summary row: method $2, with column=value filters in $3 (e.g. "Bulk=8 Sync=Single"),
# from its Median column (robust to the outliers a shared machine gives the mean; BenchmarkDotNet prints it only where
# it differs from the mean, so the Mean column otherwise) at the TSC rate /proc/cpuinfo gives, as the project's Cycles
# column computes it from the mean.
bdn_cycles() {
    awk -F'|' -v method="$2" -v filters="$3" -v mhz="$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)" '
        /^\| *Method/ { delete col; for (i = 1; i <= NF; i++) { h = $i; gsub(/ /, "", h); col[h] = i } stat = ("Median" in col) ? "Median" : "Mean"; next }
        stat && index($0, method) {
            ok = 1; n = split(filters, f, " ")
            for (j = 1; j <= n; j++) { split(f[j], kv, "="); v = $col[kv[1]]; gsub(/ /, "", v); if (v != kv[2]) ok = 0 }
            if (!ok) next
            split($col[stat], m, " "); value = m[1]; gsub(/,/, "", value); unit = m[2]
            scale = unit == "ns" ? 1 : unit == "ps" ? 0.001 : (unit == "us" || unit == "μs") ? 1000 : unit == "ms" ? 1e6 : 0
            if (scale) printf "%.2f", value * scale * mhz / 1000
            exit
        }' "$1"
}

null_io() {
    local round=$1 side=$2 log=$WORK/null-io-$2-$1.log
    if [[ $side == fastpath ]]; then
        run_for "$log" "${L2FWD[@]}" --port null:rx=64 --port null:rx=64 --lcores "$FWD_CORE" --no-mac-updating --pool-size 16384 --hugepages Require --log-level Warning
        sample null-io "io forward, 2 null ports, 1 core (testpmd io)" Mpps fastpath "$round" "$(fastpath_mpps "$log" total)"
    else
        run_for "$log" "${TESTPMD[@]}" --vdev net_null0 --vdev net_null1 -- --forward-mode=io --burst=32 --total-num-mbufs=16384 --stats-period 1
        sample null-io "io forward, 2 null ports, 1 core (testpmd io)" Mpps dpdk "$round" "$(testpmd_mpps "$log" "0 1")"
    fi
}

null_mac() {
    local round=$1 side=$2 log=$WORK/null-mac-$2-$1.log
    if [[ $side == fastpath ]]; then
        run_for "$log" "${L2FWD[@]}" --port null:rx=64 --port null:rx=64 --lcores "$FWD_CORE" --pool-size 8192 --hugepages Require --log-level Warning
        sample null-mac "MAC-rewrite forward, 2 null ports, 1 core (DPDK l2fwd)" Mpps fastpath "$round" "$(fastpath_mpps "$log" total)"
    else
        run_for "$log" "${DPDK_L2FWD[@]}" --vdev net_null0 --vdev net_null1 -- -p 0x3 -q 2 -T 1
        sample null-mac "MAC-rewrite forward, 2 null ports, 1 core (DPDK l2fwd)" Mpps dpdk "$round" "$(dpdk_l2fwd_mpps "$log")"
    fi
}

mempool() {
    local round=$1 side=$2 log=$WORK/mempool-$2-$1.log bulk
    if [[ $side == fastpath ]]; then
        taskset -c "$FWD_CORE" "${BENCH[@]}" --filter 'FastPath.Benchmarks.Pools.MempoolBenchmarks*' "${BDN[@]}" >"$log" 2>&1
        for bulk in 1 8 32; do
            # The benchmark's operation is one call of BULK objects; per object is the call's cycles / BULK.
            sample "mempool-get-put-$bulk" "mempool get+put, bulk $bulk, lcore cache" cycles fastpath "$round" "$(awk -v c="$(bdn_cycles "$log" GetPutBulkPerCall "Bulk=$bulk")" -v b="$bulk" 'BEGIN { if (c != "") printf "%.2f", c / b }')"
            sample "mempool-alloc-free-$bulk" "packet alloc+free, bulk $bulk" cycles fastpath "$round" "$(awk -v c="$(bdn_cycles "$log" AllocFreeBulkPerCall "Bulk=$bulk")" -v b="$bulk" 'BEGIN { if (c != "") printf "%.2f", c / b }')"
        done
    else
        "$WORK/mempool_cycles" -l "$FWD_CORE" "${EAL[@]}" >"$log" 2>&1
        for bulk in 1 8 32; do
            sample "mempool-get-put-$bulk" "mempool get+put, bulk $bulk, lcore cache" cycles dpdk "$round" "$(awk -v b="$bulk" '$1 == "mempool" && $2 == "get_put" && $4 == b { print $5 }' "$log")"
            sample "mempool-alloc-free-$bulk" "packet alloc+free, bulk $bulk" cycles dpdk "$round" "$(awk -v b="$bulk" '$1 == "mempool" && $2 == "alloc_free" && $4 == b { print $5 }' "$log")"
        done
    fi
}

rings() {
    local round=$1 side=$2 log=$WORK/rings-$2-$1.log sync bulk
    if [[ $side == fastpath ]]; then
        taskset -c "$FWD_CORE" "${BENCH[@]}" --filter 'FastPath.Benchmarks.Rings.RingBenchmarks*' "${BDN[@]}" >"$log" 2>&1
    else
        echo ring_perf_autotest | dpdk-test -l "$FWD_CORE" "${EAL[@]}" --log-level=error >"$log" 2>&1
    fi
    for sync in SP/SC:Single MP/MC:Multi; do
        for bulk in 8 32; do
            local id="ring-${sync##*:}-$bulk" label="ring enqueue+dequeue bulk $bulk, ${sync%%:*}"
            if [[ $side == fastpath ]]; then
                sample "${id,,}" "$label" cycles fastpath "$round" "$(bdn_cycles "$log" EnqueueDequeueBulk "Bulk=$bulk Sync=${sync##*:}")"
            else
                sample "${id,,}" "$label" cycles dpdk "$round" "$(grep -m1 "^legacy APIs: ${sync%%:*}: bulk (size: $bulk)" "$log" | awk -F': ' '{ print $NF }')"
            fi
        done
    done
}

af_packet() {
    local round=$1 side=$2 log=$WORK/af-packet-$2-$1.log gen=$WORK/af-packet-gen-$2-$1.log
    "${PKTGEN[@]}" --port af_packet:fpbA0 --lcores "$GEN_CORE" --hugepages Require --pool-size 16384 --log-level Warning >"$gen" 2>&1 </dev/null &
    local gen_pid=$!
    sleep 1
    if [[ $side == fastpath ]]; then
        run_for "$log" "${L2FWD[@]}" --port af_packet:fpbA1 --port af_packet:fpbB1 --lcores "$FWD_CORE" --no-mac-updating --pool-size 16384 --hugepages Require --log-level Warning
        sample af-packet "AF_PACKET veth → veth forward, 1 core (testpmd net_af_packet)" Mpps fastpath "$round" "$(fastpath_mpps "$log" "1 af_packet")"
    else
        run_for "$log" "${TESTPMD[@]}" --vdev net_af_packet0,iface=fpbA1 --vdev net_af_packet1,iface=fpbB1 -- --forward-mode=io --burst=32 --total-num-mbufs=16384 --stats-period 1
        sample af-packet "AF_PACKET veth → veth forward, 1 core (testpmd net_af_packet)" Mpps dpdk "$round" "$(testpmd_mpps "$log" 1)"
    fi
    kill -TERM "$gen_pid" 2>/dev/null || true
    wait "$gen_pid" 2>/dev/null || true
    sample af-packet "AF_PACKET veth → veth forward, 1 core (testpmd net_af_packet)" Mpps generator "$round" "$(generator_mpps "$gen")"
}

for side in A B; do
    ip link add "fpb${side}0" type veth peer name "fpb${side}1"
    for end in 0 1; do
        sysctl -qw "net.ipv6.conf.fpb${side}${end}.disable_ipv6=1"
        ip link set "fpb${side}${end}" up
    done
done

: >"$SAMPLES"
for round in $(seq "$ROUNDS"); do
    # Alternate which side goes first, so that neither always runs on a warmer (or hotter) machine.
    if ((round % 2)); then order=(fastpath dpdk); else order=(dpdk fastpath); fi
    echo "Round $round of $ROUNDS (${order[0]} first)…" >&2
    for pairing in null_io null_mac mempool rings af_packet; do
        for side in "${order[@]}"; do "$pairing" "$round" "$side"; done
    done
done

date=$(date -u +%F)
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
tsc_mhz=$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)
json=bench/results/$date-compare.json
cp "$SAMPLES" "bench/results/$date-compare-samples.tsv"
chart=bench/results/$date-compare.png
report=(dotnet bench/FastPath.CompareReport/bin/Release/net10.0/FastPath.CompareReport.dll)
"${report[@]}" summarize "$SAMPLES" "$json" "date=$date $(date -u +%H:%M) UTC" "cpu=$cpu" "cores=$(nproc)" "tsc_mhz=$tsc_mhz" \
    "dpdk=$(dpkg-query -W -f='${Version}' dpdk-dev)" "dotnet=$(dotnet --version)" "hugepages=2 MiB, $HUGEPAGES reserved, both sides" \
    "rounds=$ROUNDS" "seconds_per_run=$SECONDS_PER_RUN" "load_before=$load_before"
"${report[@]}" render "$json" "$chart" README.md
sed -n '/<!-- compare:begin -->/,/<!-- compare:end -->/p' README.md
echo "saved $json and $chart; README.md's comparison table regenerated" >&2
