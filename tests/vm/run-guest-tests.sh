#!/usr/bin/env bash
# Run already-built .NET test DLLs inside the guest (no MSBuild in the guest) and summarize.
#
# usage: run-guest-tests.sh [--nic-model e1000e|igb|e1000e,igb] [--nics 2|4|2,4] [--filter EXPR]
#                           [--timeout SECONDS] [--out DIR] [--runner test|vstest] -- A.Tests.dll [B.Tests.dll ...]
#   One boot per topology (model x nics); all DLLs run in that boot, one `dotnet test <dll>` each,
#   TRX + console log per DLL under <out>/<model>-x<nics>/. Summary line per DLL and topology:
#     [guest-tests] e1000e-x2 A.Tests.dll: PASS passed=12 failed=0 skipped=1 total=13 (exit 0)
#   A DLL passes only if at least one test matched the filter and every test ran and passed: a test skipped inside
#   the guest (e.g. no /dev/vfio, the wrong NIC model) fails it. A topology fails if its dmesg shows a DMAR fault that
#   no test listed in $FASTPATH_VM_OUT/expected-dmar-faults.txt (tests/vm/dmar-faults.sh).
#   Exit code: 0 if every DLL passed and no unexpected DMAR fault; 1 otherwise; 124 timeout; 125 harness error.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { printf 'run-guest-tests: ERROR: %s\n' "$*" >&2; exit 125; }

models=e1000e nicss=2 filter="" timeout=1800 out="$HERE/.cache/tests" runner=test
while (( $# )); do
    case "$1" in
        --nic-model) models="${2:?}"; shift 2;;
        --nics) nicss="${2:?}"; shift 2;;
        --filter) filter="${2:?--filter needs an expression}"; shift 2;;
        --timeout) timeout="${2:?}"; shift 2;;
        --out) out="${2:?}"; shift 2;;
        --runner) runner="${2:?}"; shift 2;;
        --) shift; break;;
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0;;
        *) die "unknown option '$1' (test DLLs go after '--')";;
    esac
done
(( $# )) || die "no test DLLs given; usage: run-guest-tests.sh [options] -- A.Tests.dll ..."
[[ $runner == test || $runner == vstest ]] || die "--runner must be 'test' or 'vstest'"
dlls=()
for d in "$@"; do
    [[ -f $d ]] || die "test DLL not found: $d (build it on the host first: dotnet build -c Release)"
    [[ $d == *.dll ]] || die "not a .dll: $d"
    dlls+=("$(realpath "$d")")
done
mkdir -p "$out"; out="$(realpath "$out")"

# The script that runs in the guest: $1 = filter ('' = none), $2 = runner, rest = DLLs.
# shellcheck disable=SC2016
guest_script='
filter=$1 runner=$2; shift 2
for dll in "$@"; do
    name=$(basename "$dll" .dll)
    rm -f "$FASTPATH_VM_OUT/$name.trx" "$FASTPATH_VM_OUT/$name.rc"
    echo "----- [guest-tests] $name ($FASTPATH_NIC_MODEL: $FASTPATH_NICS)"
    s=$(date +%s.%N)
    if [[ $runner == vstest ]]; then
        args=(vstest "$dll" "--logger:trx;LogFileName=$name.trx" "--ResultsDirectory:$FASTPATH_VM_OUT")
        [[ -n $filter ]] && args+=("--TestCaseFilter:$filter")
    else
        args=(test "$dll" --logger "trx;LogFileName=$name.trx" --results-directory "$FASTPATH_VM_OUT")
        [[ -n $filter ]] && args+=(--filter "$filter")
    fi
    (cd "$(dirname "$dll")" && dotnet "${args[@]}") 2>&1 | tee "$FASTPATH_VM_OUT/$name.log"
    rc=${PIPESTATUS[0]}
    echo "$rc $(awk -v a="$s" -v b="$(date +%s.%N)" "BEGIN{printf \"%.1f\", b-a}")" > "$FASTPATH_VM_OUT/$name.rc"
done
exit 0
'

status=0
summary=()
IFS=, read -r -a model_list <<<"$models"
IFS=, read -r -a nics_list <<<"$nicss"
for model in "${model_list[@]}"; do
  for nics in "${nics_list[@]}"; do
    topo="$model-x$nics"
    tdir="$out/$topo"
    rm -rf "$tdir"; mkdir -p "$tdir"
    rc=0
    "$HERE/run-in-guest.sh" --nic-model "$model" --nics "$nics" --timeout "$timeout" --out "$tdir" \
        -- bash -c "$guest_script" guest-tests "$filter" "$runner" "${dlls[@]}" || rc=$?
    if (( rc != 0 )); then
        summary+=("[guest-tests] $topo: HARNESS ERROR (run-in-guest exit $rc; see $tdir/console.log)")
        (( rc == 124 )) && status=124 || { (( status == 0 || status == 1 )) && status=125; }
    fi
    # Read after every process exited; the faults tests provoked on purpose are subtracted, line for line.
    if dmar=$("$HERE/dmar-faults.sh" "$tdir/dmesg.txt" "$tdir/expected-dmar-faults.txt"); then
        summary+=("[guest-tests] $topo: ${dmar#dmar-faults: }")
    else
        summary+=("[guest-tests] $topo: FAIL ${dmar#dmar-faults: }"); (( status == 0 )) && status=1
    fi
    for dll in "${dlls[@]}"; do
        name=$(basename "$dll" .dll)
        trx="$tdir/$name.trx" log="$tdir/$name.log"
        if [[ ! -f $tdir/$name.rc ]]; then
            summary+=("[guest-tests] $topo $name.dll: NOT RUN"); (( status == 0 )) && status=1; continue
        fi
        read -r drc secs < "$tdir/$name.rc"
        passed="" failed="" skipped="" total=""
        if [[ -f $trx ]]; then
            counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
            get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
            total=$(get total); passed=$(get passed); failed=$(get failed)
            skipped=$(get notExecuted) executed=$(get executed)
            # a skip is counted as notExecuted; total - executed also catches any other way a test did not run
            (( ${total:-0} - ${executed:-0} > ${skipped:-0} )) && skipped=$(( total - executed ))
        fi
        if [[ -z $total && -f $log ]]; then   # no TRX (crash?): fall back to the console summary line
            line=$(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | tail -1 || true)
            failed=$(sed -n 's/.*Failed: *\([0-9]*\).*/\1/p' <<<"$line"); passed=$(sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' <<<"$line")
            skipped=$(sed -n 's/.*Skipped: *\([0-9]*\).*/\1/p' <<<"$line"); total=$(sed -n 's/.*Total: *\([0-9]*\).*/\1/p' <<<"$line")
        fi
        verdict=PASS skips=()
        if [[ -z $total ]]; then verdict="ERROR (no results; see $log)"
        elif (( ${failed:-0} > 0 )); then verdict=FAIL
        elif (( drc != 0 )); then verdict="FAIL (dotnet exit $drc)"
        elif (( total == 0 )); then verdict="FAIL (no test matched the filter '${filter}')"
        elif (( ${skipped:-0} > 0 )); then
            verdict="FAIL ($skipped skipped in the guest: every guest test must run)"
            if [[ -f $trx ]]; then   # name each skipped test
                mapfile -t skips < <(grep -oE '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/    skipped: \1/p')
            fi
        fi
        [[ $verdict == PASS* ]] || { (( status == 0 )) && status=1; }
        summary+=("[guest-tests] $topo $name.dll: $verdict passed=${passed:-?} failed=${failed:-?} skipped=${skipped:-?} total=${total:-?} (exit $drc, ${secs} s)" "${skips[@]}")
    done
  done
done
echo
printf '%s\n' "${summary[@]}"
exit "$status"
