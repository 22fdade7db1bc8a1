#!/usr/bin/env bash
# Runs every test of FastPath: the host suites (dotnet test over the solution), then the VFIO/driver suites inside a
# QEMU guest that has a real IOMMU and emulated Intel NICs, then the sample appliance built from the packed NuGet
# packages. Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

bash tests/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

status=0
dotnet build FastPath.slnx -c Debug -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

dotnet test FastPath.slnx -c Debug --no-build --nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/host" \
    --blame-hang-timeout 10m || status=1

# The guest suites are not optional: each fails when no test matched, a test was skipped in the guest or dmesg shows
# a DMAR fault no test expected, and a run that produced no guest results at all fails here.
if [[ -x tests/vm/run-guest-suites.sh ]]; then
    tests/vm/run-guest-suites.sh "$results/guest" || status=1
else
    echo "tests/vm/run-guest-suites.sh is missing or not executable: the VFIO and driver suites did not run"; status=1
fi
if [[ -z $(find "$results/guest" -name '*.trx' -print -quit 2>/dev/null) ]]; then
    echo "no guest test results under $results/guest: the guest suites did not run"; status=1
fi

# The sample appliance, built from the packed packages only (no project references into src/).
bash samples/build.sh "$results/samples" || status=1

passed=0 failed=0 skipped=0
while IFS= read -r counters; do
    get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    total=$(get total) executed=$(get executed) p=$(get passed) f=$(get failed)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${total:-0} - ${executed:-0}))
done < <(find "$results" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} +)

if ((failed == 0 && status != 0)); then
    failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
