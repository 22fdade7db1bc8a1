#!/usr/bin/env bash
# Soak: l2fwd at a steady rate for a long time, twice — over a veth pair through AF_PACKET (pktgen feeding it, a
# pktgen --rx receiver behind it) and over in-process rings (l2fwd --demo). Not CI: run it by hand, as root.
#
#   bench/soak/run.sh [SECONDS] [WARMUP_SECONDS]     (default 600 and 60; try 60 20 for a quick look)
#   VETH_RATE=5kpps RING_RATE=50kpps SAMPLE=60 OUT=bench/results/2026-12-01-soak-raw.md bench/soak/run.sh
#
# Every SAMPLE seconds it records l2fwd's VmRSS (/proc/PID/status) and the last process line l2fwd printed (open
# fds, GC collections per generation, managed heap bytes). l2fwd prints its table and that line every second, as it
# does by default: the per-second statistics must allocate nothing, and code that runs once an interval must reach
# its final tier within the warm-up. (With one table a minute, the runtime's tiered compiler was still rejitting the
# table's methods after 10 minutes, since a method is promoted after 30 calls: that JIT code memory, not a leak, was
# the RSS growth of the 2026-12-01 17:10 run, while the managed heap stayed flat to the byte.) It then checks:
#   - no loss beyond counted drops: what pktgen handed to its port = what l2fwd received + what its port counted as
#     missed; what l2fwd received = what it sent + what it dropped; the receiver saw every frame l2fwd sent, except
#     those its own port counted as missed (veth); the ring demo reports zero loss;
#   - no garbage collection after warm-up (gen0/1/2 counts equal at the end of warm-up and at the end);
#   - RSS and managed heap flat: at most 1 MiB of growth from the end of warm-up to the end.
# Exit 0 when both soaks pass; the figures go to $OUT (markdown) either way.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-600}
warmup=${2:-60}
veth_rate=${VETH_RATE:-5kpps}
ring_rate=${RING_RATE:-50kpps}
sample=${SAMPLE:-60}
out=${OUT:-bench/results/$(date +%F)-soak-raw.md}
limit_kib=1024

[ "$(id -u)" = 0 ] || { echo "soak: needs root (AF_PACKET and veth): run with sudo" >&2; exit 2; }
[ "$warmup" -lt "$duration" ] || { echo "soak: the warm-up ($warmup s) must be shorter than the run ($duration s)" >&2; exit 2; }
command -v ip >/dev/null || { echo "soak: needs ip: apt-get install iproute2" >&2; exit 2; }

work=$(mktemp -d /tmp/fastpath-soak.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    ip link del hs-s0 2>/dev/null || true
    ip link del hs-t0 2>/dev/null || true
}
trap cleanup EXIT

dotnet build apps/l2fwd/l2fwd.csproj -c Release -o "$work/bin" -v q -nologo >/dev/null
dotnet build apps/pktgen/pktgen.csproj -c Release -o "$work/bin" -v q -nologo >/dev/null
l2fwd=("dotnet" "$work/bin/l2fwd.dll")
pktgen=("dotnet" "$work/bin/pktgen.dll")

# sample PID LOG CSV: every $sample s until PID exits, "seconds,rss_kib,fds,gen0,gen1,gen2,heap_bytes".
sample() {
    local pid=$1 log=$2 csv=$3 start=$SECONDS
    echo "seconds,rss_kib,fds,gen0,gen1,gen2,heap_bytes" >"$csv"
    while kill -0 "$pid" 2>/dev/null; do
        sleep "$sample"
        local rss line
        rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
        [ -n "$rss" ] || break
        line=$( (grep '^process: ' "$log" || true) | tail -1 | sed -E 's/process: open fds ([0-9]+); gc collections gen0 ([0-9]+), gen1 ([0-9]+), gen2 ([0-9]+); gc heap ([0-9]+) bytes/\1,\2,\3,\4,\5/')
        [ -n "$line" ] && echo "$((SECONDS - start)),$rss,$line" >>"$csv"
    done
}

# judge NAME CSV: prints a markdown summary of the samples after warm-up and returns 1 when a limit is exceeded.
judge() {
    awk -F, -v name="$1" -v warmup="$warmup" -v limit="$limit_kib" '
        NR == 1 { next }
        { last = $0; split($0, l, ",") }
        $1 >= warmup && !started { started = 1; split($0, w, ",") }
        END {
            if (!started) { print "| " name " | no sample after warm-up | | | |"; exit 1 }
            rss = l[2] - w[2]; heap = (l[7] - w[7]) / 1024; gcs = (l[4] - w[4]) + (l[5] - w[5]) + (l[6] - w[6])
            ok = rss <= limit && heap <= limit && gcs == 0
            printf "| %s | %d s → %d s | RSS %d → %d KiB (%+d KiB) | heap %d → %d KiB (%+.0f KiB) | GCs gen0/1/2 %d/%d/%d → %d/%d/%d; fds %d → %d | %s |\n",
                name, w[1], l[1], w[2], l[2], rss, w[7] / 1024, l[7] / 1024, heap, w[4], w[5], w[6], l[4], l[5], l[6], w[3], l[3], ok ? "PASS" : "FAIL"
            exit ok ? 0 : 1
        }' "$2"
}

# ready LOG TEXT: waits (at most a minute) until LOG holds TEXT.
ready() {
    for _ in $(seq 600); do grep -q "$2" "$1" && return 0; sleep 0.1; done
    echo "soak: $1 never showed '$2'" >&2; exit 1
}

status=0
results=()

# --- veth: pktgen (hs-s0) → hs-s1 · l2fwd · hs-t0 → hs-t1 (pktgen --rx) ---
ip link add hs-s0 type veth peer name hs-s1
ip link add hs-t0 type veth peer name hs-t1
for link in hs-s0 hs-s1 hs-t0 hs-t1; do sysctl -qw "net.ipv6.conf.$link.disable_ipv6=1"; ip link set "$link" up; done
"${pktgen[@]}" --port af_packet:hs-t1 --rx --no-pin --stats-interval 0 >"$work/rx.log" 2>&1 & rx=$!; pids+=("$rx")
"${l2fwd[@]}" --port af_packet:hs-s1 --port af_packet:hs-t0 --no-mac-updating --no-pin --stats-interval 1 >"$work/l2fwd-veth.log" 2>&1 & fwd=$!; pids+=("$fwd")
ready "$work/rx.log" "pktgen --rx:"
ready "$work/l2fwd-veth.log" "Forwarding between"
sleep 1
sample "$fwd" "$work/l2fwd-veth.log" "$work/veth.csv" & sampler=$!
"${pktgen[@]}" --port af_packet:hs-s0 --rate "$veth_rate" --duration "$duration" --no-pin --stats-interval 0 >"$work/tx.log" 2>&1
sleep 2
kill -TERM "$fwd"; wait "$fwd" || status=1
kill -TERM "$rx"; wait "$rx" || status=1
wait "$sampler" || true

handed=$(grep -E '^af_packet:hs-s0 \(handed\)' "$work/tx.log" | awk '{print $4}')
rx0=$(grep -E '^0 af_packet:hs-s1' "$work/l2fwd-veth.log" | tail -1 | awk '{print $3}')
tx1=$(grep -E '^1 af_packet:hs-t0' "$work/l2fwd-veth.log" | tail -1 | awk '{print $4}')
drop1=$(grep -E '^1 af_packet:hs-t0' "$work/l2fwd-veth.log" | tail -1 | awk '{print $5}')
missed0=$(grep -E 'port 0 af_packet:hs-s1: ' "$work/l2fwd-veth.log" | sed -E 's/.*rx missed ([0-9]+).*/\1/')
received=$(sed -nE 's/^probes ([0-9]+) in .*/\1/p' "$work/rx.log")
rxmissed=$(grep -E '^af_packet:hs-t1 \(port\)' "$work/rx.log" | awk '{print $5}')
lost=$(sed -nE 's/.*lost ([0-9]+),.*/\1/p' "$work/rx.log")
loss="pktgen handed $handed; l2fwd rx $rx0 + missed $missed0; l2fwd tx $tx1 + dropped $drop1; receiver got $received (port missed/errors $rxmissed, sequence gaps $lost)"
if [ "$handed" != $((rx0 + missed0)) ] || [ "$rx0" != $((tx1 + drop1)) ] || [ "$received" -lt $((tx1 - rxmissed)) ]; then loss="$loss — LOSS NOT ACCOUNTED"; status=1; fi
grep -q "all .* buffers returned" "$work/l2fwd-veth.log" || { loss="$loss — BUFFERS MISSING"; status=1; }
results+=("veth: $loss")
veth_line=$(judge "veth AF_PACKET, $veth_rate" "$work/veth.csv") || status=1
ip link del hs-s0; ip link del hs-t0

# --- rings: l2fwd --demo, generator → ring → l2fwd → ring → receiver in one process ---
"${l2fwd[@]}" --demo --no-pin --duration "$duration" --rate "$ring_rate" --stats-interval 1 >"$work/l2fwd-ring.log" 2>&1 & demo=$!; pids+=("$demo")
sample "$demo" "$work/l2fwd-ring.log" "$work/ring.csv" & sampler=$!
wait "$demo" || status=1
wait "$sampler" || true
results+=("ring: $(grep -E '^(PASS|FAIL)' "$work/l2fwd-ring.log"); $(grep -E '^generator:' "$work/l2fwd-ring.log")")
grep -q '^PASS: zero loss' "$work/l2fwd-ring.log" || status=1
ring_line=$(judge "rings (l2fwd --demo), $ring_rate" "$work/ring.csv") || status=1

{
    echo "Soak, $(date -u '+%F %H:%M UTC'), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, ${duration} s per soak, warm-up ${warmup} s, sample every ${sample} s"
    echo
    echo "| soak | window | RSS | managed heap | GC, fds | verdict (≤ $limit_kib KiB growth, no GC) |"
    echo "|---|---|---|---|---|---|"
    echo "$veth_line"
    echo "$ring_line"
    echo
    for line in "${results[@]}"; do echo "- $line"; done
    echo
    echo "Samples (seconds since start, VmRSS KiB, fds, gen0, gen1, gen2, heap bytes):"
    echo
    echo '```'
    echo "veth:"; cat "$work/veth.csv"
    echo "ring:"; cat "$work/ring.csv"
    echo '```'
} | tee "$out"
rm -rf "$work"
exit "$status"
