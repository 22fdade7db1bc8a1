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
#               generator's own rate is printed beside both forwarders, since on few cores it bounds them;
#   af-xdp      the same veth pairs and generator: FastPath l2fwd over af_xdp vs testpmd over net_af_xdp (libxdp;
#               /sys/fs/bpf is mounted for it if it is not, and unmounted after only if this script mounted it);
#   *-cycles    for both veth pairings, what the generator bound does not hide: busy TSC cycles per forwarded frame,
#               counted alike on both sides (testpmd --record-core-cycles: only iterations that received frames;
#               l2fwd --record-core-cycles: only rounds that handled frames), both at the TSC rate /proc/cpuinfo gives;
#   batch size  FastPath alone, BATCH_ROUNDS times (default 1): cycles per packet at bursts 1 to 256 of the null-port
#               io forward (NullPortBenchmarks) and of the Intel ring forward with its NIC stand-in on the same core
#               and on the other core (IntelRingForwardBenchmarks); the README's projected Mpps per core is the
#               other-core figure at burst 32.
# Writes bench/results/DATE-compare.json, DATE-compare.png and DATE-batch-size.png and regenerates the README's
# comparison and batch-size tables. Needs root (hugepages, veth, XDP), dpdk-dev, dpdk-doc, make, pkg-config, a C
# compiler and iproute2 (tests/install-deps.sh installs them). About 15 minutes with the defaults.
#   usage: bench/compare/run.sh [ROUNDS] [SECONDS_PER_RUN]      (defaults 3 and 10; KEEP=1 keeps every log)
#   PAIRINGS="af_xdp af_packet" runs only those pairings (of: null_io null_mac mempool rings af_packet af_xdp);
#   GEN_RATE=100kpps paces the veth pairings' generator (pktgen --rate; default unlimited), so that both forwarders
#   of a pairing see the same offered load, which sets their burst sizes and so their busy cycles per frame;
#   VETH_PREFIX=xyz names the veth pairs xyzA0/xyzA1 and xyzB0/xyzB1 (default fpb: fpbA0 … fpbB1);
#   BATCH_ROUNDS=0 skips the batch-size sweep. Such a partial run writes bench/results/DATE-compare-partial.json and
#   prints its tables, leaving the README and the charts alone: the run of record is always a full one.
set -euo pipefail
cd "$(dirname "$0")/../.."

case ${1:-} in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
ALL_PAIRINGS="null_io null_mac mempool rings af_packet af_xdp"
PAIRINGS=${PAIRINGS:-$ALL_PAIRINGS}
BATCH_ROUNDS=${BATCH_ROUNDS:-1}
VETH=${VETH_PREFIX:-fpb}
GEN_RATE=${GEN_RATE:-unlimited}
GEN_CORE=0
FWD_CORE=1
HUGEPAGES=1024
WORK=$(mktemp -d /tmp/fastpath-compare.XXXXXX)
SAMPLES=$WORK/samples.tsv
BATCH=$WORK/batch.tsv
hugepages_file=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages

die() { echo "bench/compare/run.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (hugepages, AF_PACKET, veth); run it with sudo"
for tool in dpdk-testpmd dpdk-test make pkg-config cc ip; do
    command -v "$tool" >/dev/null || die "$tool not found; run tests/install-deps.sh (apt-get install dpdk-dev dpdk-doc make pkg-config gcc iproute2)"
done
[[ -d /usr/share/dpdk/examples/l2fwd ]] || die "DPDK's example sources are missing; apt-get install dpdk-doc"
[[ $(nproc) -ge 2 ]] || die "needs at least 2 cores (generator and DPDK main lcore on core 0, forwarder on core 1)"
[[ $VETH =~ ^[a-z][a-z0-9]{0,9}$ ]] || die "VETH_PREFIX=$VETH: give 1 to 10 lower-case letters or digits, starting with a letter (interface names hold 15 characters)"
for pairing in $PAIRINGS; do
    [[ " $ALL_PAIRINGS " == *" $pairing "* ]] || die "PAIRINGS: unknown pairing '$pairing'; give some of: $ALL_PAIRINGS"
done
[[ $BATCH_ROUNDS =~ ^[0-9]+$ ]] || die "BATCH_ROUNDS=$BATCH_ROUNDS is not a number of rounds (0 skips the batch-size sweep)"
[[ $ROUNDS -ge 1 && $SECONDS_PER_RUN -ge 6 ]] || die "usage: bench/compare/run.sh [ROUNDS >= 1] [SECONDS_PER_RUN >= 6] (the first two seconds of each run are warm-up)"

# The hugepage tests take this lock before they change nr_hugepages; hold it for the whole run so neither side
# of a pairing loses its pages to a test that runs meanwhile.
exec 9>/tmp/fastpath-hugepages.lock
flock 9
hugepages_before=$(cat "$hugepages_file")
load_before=$(cut -d" " -f1-3 /proc/loadavg)
mounted_bpffs=0
cleanup() {
    ip link del ${VETH}A0 2>/dev/null || true
    ip link del ${VETH}B0 2>/dev/null || true
    if ((mounted_bpffs)); then umount /sys/fs/bpf || true; fi
    echo "$hugepages_before" >"$hugepages_file"
    if [[ ${KEEP:-0} == 1 ]]; then echo "logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
if [[ " $PAIRINGS " == *" af_xdp "* ]] && ! mountpoint -q /sys/fs/bpf; then
    # libxdp (testpmd's net_af_xdp) pins its dispatcher program in bpffs.
    mount -t bpf bpf /sys/fs/bpf || die "cannot mount bpffs on /sys/fs/bpf, which net_af_xdp's libxdp needs"
    mounted_bpffs=1
fi
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
# 27 cases a sweep: fewer iterations, so that one sweep stays near two minutes.
BATCH_BDN=(--job short --warmupCount 2 --iterationCount 5 --iterationTime 250 --launchCount 1 --inProcess)

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

# l2fwd --record-core-cycles: the busy cycles per frame of its first lcore (already at /proc/cpuinfo's TSC rate).
fastpath_busy_cycles() { awk '/^busy lcore [0-9]+: [0-9.]+ cycles per frame/ { print $4; exit }' "$1"; }

# testpmd --record-core-cycles: "CPU cycles/packet=C (busy cycles=… / total io packets=…) at M MHz Clock", converted
# from testpmd's TSC rate M to /proc/cpuinfo's (the rate every other cycle figure here uses).
testpmd_busy_cycles() {
    awk -v mhz="$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)" '
        /CPU cycles\/packet=/ { split($0, a, "cycles/packet="); split(a[2], c, " "); m = $0; sub(/.* at /, "", m); sub(/ MHz.*/, "", m)
                                if (m > 0) printf "%.1f", c[1] * mhz / m; exit }' "$1"
}

# The "(handed)" row's TX Mpps of a pktgen summary: the generator's own rate.
generator_mpps() { awk '/^Totals over/ { t = 1 } t && /\(handed\)/ { print $(NF-2); exit }' "$1"; }

# TSC cycles of a BenchmarkDotNet summary row: method $2 (the Method column; a summary joined over several classes
# starts with Namespace and Type columns), with column=value filters in $3 (e.g. "Bulk=8 Sync=Single"),
# from its Median column (robust to the outliers a shared machine gives the mean; BenchmarkDotNet prints it only where
# it differs from the mean, so the Mean column otherwise) at the TSC rate /proc/cpuinfo gives, as the project's Cycles
# column computes it from the mean.
bdn_cycles() {
    awk -F'|' -v method="$2" -v filters="$3" -v mhz="$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)" '
        /^\|/ && /\| *Method *\|/ { delete col; for (i = 1; i <= NF; i++) { h = $i; gsub(/ /, "", h); col[h] = i } stat = ("Median" in col) ? "Median" : "Mean"; next }
        stat && /^\|/ {
            name = $col["Method"]; gsub(/ /, "", name); if (name != method) next
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

# veth_forward ROUND SIDE KIND: pktgen (af_packet, core GEN_CORE) floods fpbA0; the forwarder on FWD_CORE moves
# fpbA1 → fpbB1 over KIND (af_packet or af_xdp; testpmd's net_af_packet or net_af_xdp). Records the forwarded rate
# with the generator's own beside it, and busy cycles per frame.
veth_forward() {
    local round=$1 side=$2 kind=$3 log=$WORK/$3-$2-$1.log gen=$WORK/$3-gen-$2-$1.log id=${3//_/-}
    local label vdev=net_$3
    if [[ $kind == af_xdp ]]; then label="AF_XDP veth → veth forward, 1 core (testpmd net_af_xdp)"; else label="AF_PACKET veth → veth forward, 1 core (testpmd net_af_packet)"; fi
    local cycles_label="${label%%,*}: busy TSC cycles per forwarded frame (testpmd --record-core-cycles)"
    "${PKTGEN[@]}" --port af_packet:${VETH}A0 --rate "$GEN_RATE" --lcores "$GEN_CORE" --hugepages Require --pool-size 16384 --log-level Warning >"$gen" 2>&1 </dev/null &
    local gen_pid=$!
    sleep 1
    if [[ $side == fastpath ]]; then
        run_for "$log" "${L2FWD[@]}" --port "$kind:${VETH}A1" --port "$kind:${VETH}B1" --lcores "$FWD_CORE" --no-mac-updating --pool-size 16384 --hugepages Require --record-core-cycles --log-level Warning
        sample "$id" "$label" Mpps fastpath "$round" "$(fastpath_mpps "$log" "1 $kind")"
        sample "$id-cycles" "$cycles_label" cycles fastpath "$round" "$(fastpath_busy_cycles "$log")"
    else
        run_for "$log" "${TESTPMD[@]}" --vdev "${vdev}0,iface=${VETH}A1" --vdev "${vdev}1,iface=${VETH}B1" -- --forward-mode=io --burst=32 --total-num-mbufs=16384 --stats-period 1 --record-core-cycles
        sample "$id" "$label" Mpps dpdk "$round" "$(testpmd_mpps "$log" 1)"
        sample "$id-cycles" "$cycles_label" cycles dpdk "$round" "$(testpmd_busy_cycles "$log")"
        # Should testpmd leave libxdp's program attached, FastPath's af_xdp would (rightly) refuse a foreign one next.
        if [[ $kind == af_xdp ]]; then
            for dev in ${VETH}A1 ${VETH}B1; do ip link set dev "$dev" xdp off 2>/dev/null || true; ip link set dev "$dev" xdpgeneric off 2>/dev/null || true; done
        fi
    fi
    kill -TERM "$gen_pid" 2>/dev/null || true
    wait "$gen_pid" 2>/dev/null || true
    sample "$id" "$label" Mpps generator "$round" "$(generator_mpps "$gen")"
}

af_packet() { veth_forward "$1" "$2" af_packet; }

af_xdp() { veth_forward "$1" "$2" af_xdp; }

# batch_sweep ROUND: FastPath's cycles per packet at every burst size, in one BenchmarkDotNet run of both classes.
batch_sweep() {
    local round=$1 log=$WORK/batch-$1.log burst
    taskset -c "$FWD_CORE" "${BENCH[@]}" --filter 'FastPath.Benchmarks.Ports.NullPortBenchmarks.RxTxBurst' 'FastPath.Benchmarks.Drivers.IntelRingForwardBenchmarks*' "${BATCH_BDN[@]}" >"$log" 2>&1
    for burst in 1 2 4 8 16 32 64 128 256; do
        batch_sample null-io "null port io forward (RX + TX burst)" "$burst" "$round" "$(bdn_cycles "$log" RxTxBurst "Burst=$burst")"
        batch_sample intel-forward-same-core "Intel ring forward, NIC stand-in on the same core" "$burst" "$round" "$(bdn_cycles "$log" Forward "Burst=$burst StandIn=SameCore")"
        batch_sample intel-forward-other-core "Intel ring forward, NIC stand-in on the other core" "$burst" "$round" "$(bdn_cycles "$log" Forward "Burst=$burst StandIn=OtherCore")"
    done
}

# batch_sample SERIES LABEL BURST ROUND CYCLES: appends one batch-size point; a missing figure is reported, not faked.
batch_sample() {
    if [[ -z $5 ]]; then
        echo "  batch $1 burst $3 round $4: no figure (its log: $WORK)" >&2
        return
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BATCH"
    echo "  batch $1 burst $3 round $4: $5 cycles per packet" >&2
}

for side in A B; do
    ip link add "${VETH}${side}0" type veth peer name "${VETH}${side}1"
    for end in 0 1; do
        sysctl -qw "net.ipv6.conf.${VETH}${side}${end}.disable_ipv6=1"
        ip link set "${VETH}${side}${end}" up
    done
done

: >"$SAMPLES"
: >"$BATCH"
for round in $(seq "$ROUNDS"); do
    # Alternate which side goes first, so that neither always runs on a warmer (or hotter) machine.
    if ((round % 2)); then order=(fastpath dpdk); else order=(dpdk fastpath); fi
    echo "Round $round of $ROUNDS (${order[0]} first)…" >&2
    for pairing in $PAIRINGS; do
        for side in "${order[@]}"; do "$pairing" "$round" "$side"; done
    done
    if ((round <= BATCH_ROUNDS)); then
        echo "Batch-size sweep, round $round of $BATCH_ROUNDS…" >&2
        batch_sweep "$round"
    fi
done

date=$(date -u +%F)
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
tsc_mhz=$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)
report=(dotnet bench/FastPath.CompareReport/bin/Release/net10.0/FastPath.CompareReport.dll)
if [[ $PAIRINGS != "$ALL_PAIRINGS" || $BATCH_ROUNDS -lt 1 ]]; then
    json=bench/results/$date-compare-partial.json
else
    json=bench/results/$date-compare.json
    cp "$SAMPLES" "bench/results/$date-compare-samples.tsv"
    cp "$BATCH" "bench/results/$date-batch-size-samples.tsv"
fi
chart=bench/results/$date-compare.png
batch_chart=bench/results/$date-batch-size.png
"${report[@]}" summarize "$SAMPLES" --batch "$BATCH" "$json" "date=$date $(date -u +%H:%M) UTC" "cpu=$cpu" "cores=$(nproc)" "tsc_mhz=$tsc_mhz" \
    "dpdk=$(dpkg-query -W -f='${Version}' dpdk-dev)" "dotnet=$(dotnet --version)" "hugepages=2 MiB, $HUGEPAGES reserved, both sides" \
    "rounds=$ROUNDS" "batch_rounds=$BATCH_ROUNDS" "seconds_per_run=$SECONDS_PER_RUN" "veth_generator_rate=$GEN_RATE" "load_before=$load_before" "load_after=$(cut -d" " -f1-3 /proc/loadavg)"
if [[ $json == *-partial.json ]]; then
    # A partial run prints its tables through a scratch README, leaving the real one and the charts alone.
    printf '%s\n%s\n' '<!-- compare:begin -->' '<!-- compare:end -->' >"$WORK/README.md"
    "${report[@]}" render "$json" "$WORK/compare.png" "$WORK/batch-size.png" "$WORK/README.md"
    sed -n '/<!-- compare:begin -->/,/<!-- compare:end -->/p' "$WORK/README.md"
    echo "saved $json (partial run: README.md and the charts untouched)" >&2
else
    "${report[@]}" render "$json" "$chart" "$batch_chart" README.md
    sed -n '/<!-- compare:begin -->/,/<!-- compare:end -->/p' README.md
    echo "saved $json, $chart and $batch_chart; README.md's comparison and batch-size tables regenerated" >&2
fi
