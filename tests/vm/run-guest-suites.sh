#!/usr/bin/env bash
# Every suite that needs the real kernel VFIO path, each in its own QEMU guest topology. Test results (TRX) land
# under the output directory, where tests/run.sh counts them.
# usage: tests/vm/run-guest-suites.sh OUT_DIR   (the solution must be built in Debug on the host first)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
out="${1:?usage: run-guest-suites.sh OUT_DIR}"
mkdir -p "$out"
status=0

echo "== guest suite: FastPath.Vfio on e1000e x2 (every ioctl, DMA loopback, MSI-X, unmap fault, reset, teardown)"
"$HERE/run-guest-tests.sh" --nic-model e1000e --nics 2 --filter "Category=Guest" --timeout 1500 --out "$out/vfio" -- \
    "$ROOT/tests/FastPath.Vfio.Tests/bin/Debug/net10.0/FastPath.Vfio.Tests.dll" || status=1

for suite in "$HERE"/suites/*.sh; do
    name=$(basename "$suite" .sh)
    echo "== guest suite: $name"
    bash "$suite" --out "$out/$name" || status=1
done

exit $status
