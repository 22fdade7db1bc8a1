#!/usr/bin/env bash
# Checks a guest's kernel log for IOMMU (DMAR) faults that no test expected.
#
# usage: tests/vm/dmar-faults.sh DMESG_FILE [EXPECTED_FILE]
#   DMESG_FILE     the guest's dmesg, captured after every process exited (<out>/dmesg.txt)
#   EXPECTED_FILE  the fault records tests provoked on purpose, one dmesg line each, exactly as the kernel logged it
#                  (timestamp included): a test that unmaps memory and then lets a NIC reach it appends the records of
#                  its device and its unmapped IOVA range to $FASTPATH_VM_OUT/expected-dmar-faults.txt. Missing = none.
# Prints every unexpected fault line and exits 1 if there is one; prints a one-line summary either way.
#
# A fault record looks like "DMAR: [DMA Read NO_PASID] Request device [00:04.0] fault addr 0x200000 [fault reason
# 0x06] PTE Read access is not set". Each batch of records follows a "DMAR: DRHD: handling fault status reg N" line,
# which names no device: those headers are not counted, everything else that mentions a DMAR fault or a PTE access
# is, and is subtracted only if the very same line (same timestamp, device and address) is in EXPECTED_FILE.
set -uo pipefail
dmesg_file="${1:?usage: dmar-faults.sh DMESG_FILE [EXPECTED_FILE]}"
expected_file="${2:-}"
[[ -f $dmesg_file ]] || { echo "dmar-faults: no kernel log at $dmesg_file: cannot tell whether the guest faulted"; exit 1; }

declare -A expected=()
if [[ -n $expected_file && -f $expected_file ]]; then
    while IFS= read -r line; do [[ -n $line ]] && expected["$line"]=1; done < "$expected_file"
fi

unexpected=() subtracted=0
while IFS= read -r line; do
    [[ $line == *"DRHD: handling fault status"* ]] && continue
    if [[ -n ${expected["$line"]+x} ]]; then
        subtracted=$((subtracted + 1))
    else
        unexpected+=("$line")
    fi
done < <(grep -iE 'DMAR:.*fault|PTE (Read|Write) access' "$dmesg_file")

if (( ${#unexpected[@]} )); then
    echo "dmar-faults: ${#unexpected[@]} DMAR fault(s) no test expected in $dmesg_file ($subtracted expected one(s) subtracted):"
    printf '  %s\n' "${unexpected[@]}"
    exit 1
fi
echo "dmar-faults: no unexpected DMAR fault in $(basename "$(dirname "$dmesg_file")")'s dmesg ($subtracted expected fault record(s) subtracted, of ${#expected[@]} listed)"
