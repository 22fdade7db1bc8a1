#!/bin/bash
# Runs INSIDE the guest (via smoke.sh -> run-in-guest.sh). Prints what the guest sees and checks
# the harness contract. Exits 7 on success so smoke.sh also proves exit-code propagation.
# Usage: smoke-guest.sh [--dpdk] [--dotnet-dll PATH]
set -uo pipefail
dpdk=0 dll=""
while (( $# )); do case "$1" in --dpdk) dpdk=1; shift;; --dotnet-dll) dll="$2"; shift 2;; *) shift;; esac; done
fail=0
check() { if eval "$2"; then echo "ok   - $1"; else echo "FAIL - $1"; fail=1; fi; }

echo "== env"; env | grep -E '^FASTPATH_|^HOME=|^DOTNET_' | sort
echo "== /dev/vfio"; ls -l /dev/vfio/
echo "== NICs"
nics=($FASTPATH_NICS)
for b in "${nics[@]}"; do
    d=/sys/bus/pci/devices/$b
    grp=$(basename "$(readlink -f "$d/iommu_group")")
    echo "$b $(<"$d/vendor"):$(<"$d/device") driver=$(basename "$(readlink -f "$d/driver")") iommu_group=$grp members=$(ls "$d/iommu_group/devices" | tr '\n' ' ')"
    check "$b bound to vfio-pci" '[[ $(basename "$(readlink -f "$d/driver")") == vfio-pci ]]'
    check "/dev/vfio/$grp exists" '[[ -c /dev/vfio/$grp ]]'
done
check "NIC count matches model" '(( ${#nics[@]} == 2 || ${#nics[@]} == 4 ))'
check "/dev/vfio/vfio exists" '[[ -c /dev/vfio/vfio ]]'
check "hugetlbfs mounted on /dev/hugepages" 'grep -q " /dev/hugepages hugetlbfs " /proc/mounts'
check "hugepages reserved" '(( $(awk "/HugePages_Total/{print \$2}" /proc/meminfo) > 0 ))'
check "root is read-only" '! touch /.fastpath-rw-probe 2>/dev/null'
check "FASTPATH_VM_OUT writable" 'echo ok > "$FASTPATH_VM_OUT/smoke-write" && [[ -s $FASTPATH_VM_OUT/smoke-write ]]'
check "/tmp writable" 'echo ok > /tmp/x && [[ -s /tmp/x ]]'
check "loopback up (vstest needs it)" 'ip -br link show lo | grep -qv DOWN'
check "no DMAR faults so far" '! dmesg | grep -qiE "DMAR:.*fault|PTE (Read|Write) access"'

echo "== dotnet"
s=$(date +%s.%N); dotnet --info | sed -n '1,12p'; rc=${PIPESTATUS[0]}
echo "dotnet --info: rc=$rc, $(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
check "dotnet --info runs" '(( rc == 0 ))'
if [[ -n $dll ]]; then
    s=$(date +%s.%N)
    dotnet test "$dll" --logger "trx;LogFileName=smoke.trx" --results-directory "$FASTPATH_VM_OUT/trx"; rc=$?
    echo "dotnet test: rc=$rc, $(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
    check "dotnet test $dll passes in the guest" '(( rc == 0 ))'
fi

if (( dpdk )); then
    # txonly on both ports: each NIC's hardware RX counter must see the peer's frames. (io forwarding
    # with --tx-first can stall on igb when the first burst is lost during link-up.)
    echo "== dpdk-testpmd (txonly on NIC0 and NIC1, 8 s; frames cross the cable)"
    timeout -s INT 8 dpdk-testpmd --lcores 0@0,1@0 --in-memory -a "${nics[0]}" -a "${nics[1]}" -- \
        --forward-mode=txonly --stats-period 3 --total-num-mbufs=8192 > /tmp/testpmd.log 2>&1
    grep -E 'Probe PCI|IOVA|Link up' /tmp/testpmd.log | head -8
    cp /tmp/testpmd.log "$FASTPATH_VM_OUT/testpmd.log"
    # last NIC statistics block: RX-packets of port 0 and port 1
    mapfile -t rx < <(awk '/NIC statistics for port/{p=$(NF-1)} /RX-packets:/ && p!=""{v[p]=$2} END{print v[0]+0; print v[1]+0}' /tmp/testpmd.log)
    echo "NIC hardware RX-packets: port0=${rx[0]} port1=${rx[1]}"
    check "testpmd frames crossed the cable both ways" '(( ${rx[0]:-0} >= 32 && ${rx[1]:-0} >= 32 ))'
fi
(( fail )) && { echo "SMOKE: FAILED"; exit 1; }
echo "SMOKE: all checks passed"
exit 7
