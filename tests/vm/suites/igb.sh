#!/usr/bin/env bash
# Guest suite of the igb (82576) driver: builds on the host, then boots QEMU guests with igb NICs bound to vfio-pci
# and runs, with DPDK's dpdk-testpmd (igb PMD) as the traffic peer where one is needed:
#   igb x2: tests/FastPath.Drivers.Igb.Tests, Category=Guest (FastPath TX -> testpmd rxonly, testpmd txonly ->
#           FastPath RX, RSS over 4 queues, interrupt idle mode, teardown)
#   igb x4: pktgen (pci: port on NIC A) -> l2fwd (pci: ports on B and C) -> an igb port on D in the test process,
#           Category=Guest4 (the pci: ports map the apps' pools at IOVA = VA: the IOMMU gets aw-bits=48); in the
#           same boot: pktgen --tx-checksum ip,udp on A and C, checked by testpmd csum (RX checksum check) on B and
#           in software on D; 5 seeded SIGINT/SIGTERM storms on pktgen -> l2fwd; l2fwd as a non-root user that owns
#           only its two /dev/vfio groups, with enough and with too little RLIMIT_MEMLOCK; l2fwd --idle interrupt
#           between B and C (idle CPU, a testpmd burst from A, wake-up probes to D) side by side with DPDK's
#           l3fwd-power --interrupt-only, built here from Debian's dpdk-doc sources into tests/vm/.cache
# Prints every measurement and ends with "igb suite: PASSED" or "igb suite: FAILED".
# usage: tests/vm/suites/igb.sh [--out DIR] [--skip-build]
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
out="$ROOT/tests/vm/.cache/suites/igb" build=1
while (( $# )); do
    case "$1" in
        --out) out="${2:?--out needs a directory}"; shift 2;;
        --skip-build) build=0; shift;;
        *) echo "igb suite: unknown option $1" >&2; exit 2;;
    esac
done
mkdir -p "$out"
status=0

# Prints the measurements a topology's tests wrote and checks its dmesg for IOMMU faults (read after every process
# exited; no igb test provokes one on purpose, so none may be listed as expected).
report() {
    local topo=$1
    echo "-- measurements ($topo):"
    cat "$out/$topo/igb-results.txt" 2>/dev/null || { echo "(no igb-results.txt)"; status=1; }
    "$ROOT/tests/vm/dmar-faults.sh" "$out/$topo/dmesg.txt" "$out/$topo/expected-dmar-faults.txt" || status=1
}
tests_dll="$ROOT/tests/FastPath.Drivers.Igb.Tests/bin/Release/net10.0/FastPath.Drivers.Igb.Tests.dll"

if (( build )); then
    echo "== igb suite: building on the host"
    dotnet build "$ROOT/tests/FastPath.Drivers.Igb.Tests" -c Release -nologo -v q -clp:ErrorsOnly || exit 1
    dotnet build "$ROOT/apps/pktgen" -c Release -nologo -v q -clp:ErrorsOnly || exit 1
    dotnet build "$ROOT/apps/l2fwd" -c Release -nologo -v q -clp:ErrorsOnly || exit 1
    # DPDK's own power-aware forwarder, the peer of the idle-mode comparison: built from the example sources that
    # Debian's dpdk-doc ships, against libdpdk-dev; it lives in the cache and nothing of it is committed.
    l3fwd_power="$ROOT/tests/vm/.cache/dpdk-examples/l3fwd-power"
    rm -rf "$l3fwd_power" && mkdir -p "$(dirname "$l3fwd_power")" && cp -r /usr/share/dpdk/examples/l3fwd-power "$l3fwd_power" || exit 1
    make -s -C "$l3fwd_power" >/dev/null || { echo "igb suite: building l3fwd-power failed (needs dpdk-doc, libdpdk-dev, make, pkg-config)" >&2; exit 1; }
fi

echo "== igb suite: igb x2, driver guest tests (testpmd as peer)"
"$ROOT/tests/vm/run-guest-tests.sh" --nic-model igb --nics 2 --filter "Category=Guest" --timeout 1500 --out "$out" -- "$tests_dll" || status=1
report igb-x2

echo "== igb suite: igb x4, pktgen -> l2fwd -> igb port (apps over pci:)"
FASTPATH_VM_QEMU_ARGS="${FASTPATH_VM_QEMU_ARGS:-} -global intel-iommu.aw-bits=48" \
    "$ROOT/tests/vm/run-guest-tests.sh" --nic-model igb --nics 4 --filter "Category=Guest4" --timeout 2400 --out "$out" -- "$tests_dll" || status=1
report igb-x4

(( status == 0 )) && echo "igb suite: PASSED" || echo "igb suite: FAILED"
exit $status
