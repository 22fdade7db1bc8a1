#!/usr/bin/env bash
# Smoke test of the guest harness. Boots e1000e x2 (checks + dotnet --info + dpdk-testpmd across
# the cable) and igb x4 (checks), and expects exit code 7 from the guest each time.
# usage: smoke.sh [--quick] [--dotnet-dll PATH/Tests.dll]   (--quick: e1000e x2 only, no DPDK)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
quick=0 dll=()
while (( $# )); do
    case "$1" in
        --quick) quick=1; shift;;
        --dotnet-dll) dll=(--dotnet-dll "$(realpath "${2:?--dotnet-dll needs a path}")"); shift 2;;
        *) echo "smoke: unknown option $1" >&2; exit 2;;
    esac
done
out="$HERE/.cache/smoke"
status=0
run() {
    local name=$1; shift
    local rc=0 s=$SECONDS
    echo "==== smoke: $name"
    "$HERE/run-in-guest.sh" --timeout 300 --out "$out/$name" "$@" || rc=$?
    if (( rc == 7 )); then echo "==== smoke: $name PASSED ($((SECONDS - s)) s)"
    else echo "==== smoke: $name FAILED: guest exit $rc, expected 7 (see $out/$name/console.log)"; status=1; fi
}
cd "$HERE"
if (( quick )); then
    run e1000e-x2 --nic-model e1000e --nics 2 -- bash "$HERE/smoke-guest.sh" "${dll[@]}"
else
    run e1000e-x2 --nic-model e1000e --nics 2 -- bash "$HERE/smoke-guest.sh" --dpdk "${dll[@]}"
    run igb-x4 --nic-model igb --nics 4 -- bash "$HERE/smoke-guest.sh" --dpdk
fi
exit $status
