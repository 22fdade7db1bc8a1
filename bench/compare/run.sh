#!/usr/bin/env bash
# FastPath vs DPDK 22.11 testpmd on the same work, in one go. Prints a table (Mpps of each and the ratio) and saves it
# under bench/results/ with the date and the CPU model.
#   (a) io forwarding between two null ports (each port's RX makes 64-byte frames, TX discards),
#       one forwarding core: FastPath l2fwd --no-mac-updating vs testpmd --forward-mode=io;
#   (b) AF_PACKET on veth pairs: FastPath pktgen floods vethA0 → vethA1; the forwarder moves vethA1 → vethB1,
#       the kernel discards at vethB0. Same generator for both; the forwarder's TX rate is measured.
# Both use 4 KiB pages (testpmd --no-huge -m 1024, FastPath --hugepages Never) and 16384 buffers each, so memory is alike.
# Needs root, iproute2 and dpdk-dev (apt-get install -y dpdk-dev iproute2). Usage: bench/compare/run.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-6}
FWD_CORE=1
GEN_CORE=0
WORK=$(mktemp -d)
trap 'cleanup' EXIT

die() { echo "bench/compare/run.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (AF_PACKET, veth); run it with sudo"
command -v dpdk-testpmd >/dev/null || die "dpdk-testpmd not found; apt-get install -y dpdk-dev"
command -v ip >/dev/null || die "ip not found; apt-get install -y iproute2"
[[ $(nproc) -ge 2 ]] || die "needs at least 2 cores (main/generator on core 0, forwarder on core 1)"

cleanup() {
    ip link del fpbA0 2>/dev/null || true
    ip link del fpbB0 2>/dev/null || true
    rm -rf "$WORK"
}

echo "Building FastPath (Release)…" >&2
dotnet build apps/l2fwd/l2fwd.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build apps/pktgen/pktgen.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
L2FWD=(dotnet apps/l2fwd/bin/Release/net10.0/l2fwd.dll)
PKTGEN=(dotnet apps/pktgen/bin/Release/net10.0/pktgen.dll)
TESTPMD=(dpdk-testpmd --no-huge -m 1024 --no-pci --log-level=lib.eal:error -l "$GEN_CORE,$FWD_CORE")

# Runs a command for SECONDS_PER_RUN seconds, then SIGTERMs it (background jobs of a script ignore SIGINT); output goes to $1.
run_for() {
    local out=$1; shift
    "$@" >"$out" 2>&1 </dev/null &
    local pid=$!
    sleep "$SECONDS_PER_RUN"
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Mean of the per-second TX Mpps of FastPath l2fwd's row whose name starts with $2, skipping the first two seconds.
fastpath_mpps() {
    awk -v row="$2" '
        /^port / { sample++ }
        /^Totals over/ { exit }
        index($0, row) == 1 && sample > 2 { sum += $(NF-2); n++ }
        END { if (n) printf "%.3f", sum / n; else print "n/a" }' "$1"
}

# Mean of testpmd's per-second Tx-pps of port $2 (in Mpps), skipping the first two reports.
testpmd_mpps() {
    awk -v want="$2" '
        /NIC statistics for port/ { port = $(NF-1); if (port == want) sample++ }
        /Tx-pps:/ && port == want && sample > 2 { sum += $2; n++ }
        END { if (n) printf "%.3f", sum / n / 1e6; else print "n/a" }' "$1"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "(a) null ports, io forwarding…" >&2
run_for "$WORK/a-fastpath.txt" "${L2FWD[@]}" --port null:rx=64 --port null:rx=64 --lcores "$FWD_CORE" --no-mac-updating --hugepages Never --log-level Warning
run_for "$WORK/a-testpmd.txt" "${TESTPMD[@]}" --vdev net_null0 --vdev net_null1 -- --forward-mode=io --burst=32 --total-num-mbufs=16384 --stats-period 1
a_fp=$(awk -v x="$(fastpath_mpps "$WORK/a-fastpath.txt" "total")" 'BEGIN { print x }')
a_dpdk=$(awk -v p0="$(testpmd_mpps "$WORK/a-testpmd.txt" 0)" -v p1="$(testpmd_mpps "$WORK/a-testpmd.txt" 1)" 'BEGIN { if (p0 == "n/a") print "n/a"; else printf "%.3f", p0 + p1 }')

echo "(b) AF_PACKET on veth pairs…" >&2
cleanup
mkdir -p "$WORK"
for side in A B; do
    ip link add "fpb${side}0" type veth peer name "fpb${side}1"
    for end in 0 1; do
        sysctl -qw "net.ipv6.conf.fpb${side}${end}.disable_ipv6=1"
        ip link set "fpb${side}${end}" up
    done
done
GEN_LOG=$WORK/b-pktgen.txt
start_generator() {
    "${PKTGEN[@]}" --port af_packet:fpbA0 --lcores "$GEN_CORE" --hugepages Never --stats-interval 0 --log-level Warning >"$GEN_LOG" 2>&1 </dev/null &
    GEN_PID=$!
    sleep 1
}
stop_generator() { kill -TERM "$GEN_PID" 2>/dev/null || true; wait "$GEN_PID" 2>/dev/null || true; }

start_generator
run_for "$WORK/b-fastpath.txt" "${L2FWD[@]}" --port af_packet:fpbA1 --port af_packet:fpbB1 --lcores "$FWD_CORE" --no-mac-updating --hugepages Never --log-level Warning
stop_generator
start_generator
run_for "$WORK/b-testpmd.txt" "${TESTPMD[@]}" --vdev net_af_packet0,iface=fpbA1 --vdev net_af_packet1,iface=fpbB1 -- --forward-mode=io --burst=32 --total-num-mbufs=16384 --stats-period 1
stop_generator
b_fp=$(fastpath_mpps "$WORK/b-fastpath.txt" "1 af_packet")
b_dpdk=$(testpmd_mpps "$WORK/b-testpmd.txt" 1)

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
stamp=$(date -u +%Y-%m-%dT%H%MZ)
result=$(cat <<TABLE
FastPath vs DPDK $(dpkg-query -W -f='${Version}' dpdk-dev 2>/dev/null || echo 22.11) testpmd — $stamp — $cpu, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)
${SECONDS_PER_RUN} s per run, mean of the per-second TX rates after the first two seconds, 64-byte frames, burst 32, one forwarding core.

| workload                              | FastPath Mpps | DPDK Mpps | FastPath / DPDK |
|---------------------------------------|---------------|-----------|-----------------|
| (a) io forward, 2 null ports          | $(printf '%13s' "$a_fp") | $(printf '%9s' "$a_dpdk") | $(printf '%15s' "$(ratio "$a_fp" "$a_dpdk")") |
| (b) AF_PACKET veth → veth forward     | $(printf '%13s' "$b_fp") | $(printf '%9s' "$b_dpdk") | $(printf '%15s' "$(ratio "$b_fp" "$b_dpdk")") |
TABLE
)
echo "$result"
host=$(echo "$cpu" | tr -cs 'A-Za-z0-9' '-' | sed 's/-*$//')
out="bench/results/compare-$stamp-$host.md"
{ echo "$result"; echo; echo '```'; echo "generator during (b): $(grep -E '\(handed\)' "$GEN_LOG" | tail -1)"; echo '```'; } >"$out"
echo "saved $out" >&2
