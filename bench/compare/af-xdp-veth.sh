#!/usr/bin/env bash
# Side by side on the same veth pairs, in one run: l2fwd over af_xdp and over af_packet, fed by one pktgen
# (af_packet, in namespace axpbA) and forwarding into namespace axpbB. Prints the generator's own rate beside each
# forwarder's, each forwarder's CPU time per forwarded frame and its busy TSC cycles per frame (--record-core-cycles;
# bench/compare/run.sh has the same rows against testpmd's net_af_xdp and net_af_packet). Root; builds nothing (run after
# `dotnet build apps/l2fwd -c Release && dotnet build apps/pktgen -c Release`).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${SECONDS_PER_RUN:-8}
l2fwd=apps/l2fwd/bin/Release/net10.0/l2fwd.dll
pktgen=apps/pktgen/bin/Release/net10.0/pktgen.dll

cleanup() {
  ip netns del axpbA 2>/dev/null || true
  ip netns del axpbB 2>/dev/null || true
  ip link del axpbah 2>/dev/null || true
  ip link del axpbbh 2>/dev/null || true
}
trap cleanup EXIT
cleanup
for side in a b; do
  ns=axpb${side^^}
  ip netns add "$ns"
  ip link add "axpb${side}0" type veth peer name "axpb${side}h"
  ip link set "axpb${side}0" netns "$ns"
  ip -n "$ns" link set "axpb${side}0" up
  ip link set "axpb${side}h" up
done

for kind in ${KINDS:-af_xdp af_packet}; do
  dotnet "$l2fwd" --port "$kind:axpbah" --port "$kind:axpbbh" --no-mac-updating --lcores 1 --stats-interval 0 --record-core-cycles > "/tmp/axpb-l2fwd-$kind.txt" 2>&1 &
  fwd=$!
  sleep 4
  before=$(awk '{print $14 + $15}' "/proc/$fwd/stat")
  ip netns exec axpbA dotnet "$pktgen" --port af_packet:axpba0 --lcores 0 --rate unlimited --size 64 --src-port 1000-1255 \
    --duration "$seconds" --stats-interval 0 > "/tmp/axpb-pktgen-$kind.txt" 2>&1
  after=$(awk '{print $14 + $15}' "/proc/$fwd/stat")
  sleep 1
  kill -TERM "$fwd"; wait "$fwd" || true  # TERM: a background job of a script ignores SIGINT
  generated=$(awk '/\(handed\)/ {print $4; exit}' "/tmp/axpb-pktgen-$kind.txt")
  forwarded=$(awk '/^Totals over/ {t=1} t && /^1 / {print $4; exit}' "/tmp/axpb-l2fwd-$kind.txt")
  ticks=$(getconf CLK_TCK)
  awk -v k="$kind" -v g="$generated" -v f="$forwarded" -v s="$seconds" -v c="$((after - before))" -v hz="$ticks" 'BEGIN {
    printf "%-9s generator %.3f Mpps, forwarded %.3f Mpps (%.1f%%), forwarder CPU %.0f ns per forwarded frame\n",
      k, g / s / 1e6, f / s / 1e6, 100 * f / g, c / hz * 1e9 / f }'
  grep -m1 '^busy lcore' "/tmp/axpb-l2fwd-$kind.txt" | sed "s/^/$kind    /" || true
done
