#!/bin/bash
# Stage 2 of the FastPath test guest: runs with the host's bash, chrooted into the host root
# (read-only 9p). run-in-guest.sh copies this file to <out>/.vm/stage2.sh for each boot.
# $1 = output dir path (same path as on the host, writable share bind-mounted there).
set -uo pipefail
OUT="$1"
VM="$OUT/.vm"
con=/dev/ttyS0      # guest console log (host: <out>/console.log)
cmdtty=/dev/ttyS1   # command output (host: run-in-guest.sh stdout)
log() { local up _; read -r up _ < /proc/uptime; echo "[guest $up] $*" > "$con"; }
die() { log "FATAL: $*"; echo "$*" > "$VM/init-error"; echo 125 > "$VM/exit-code"; dmesg > "$OUT/dmesg.txt" 2>&1; exit 125; }

# shellcheck disable=SC1091
source "$VM/env" || die "cannot read $VM/env"
# env provides: FP_NIC_IDS (vendor:device list), FP_NICS_EXPECTED, FP_CWD, FP_CMD (array),
#               FP_NIC_MODEL, FP_NIC_MACS, FP_HOST_PATH, FP_EXTRA_ENV (array of NAME=VALUE)

stty -F "$cmdtty" raw -echo 2>/dev/null || log "stty on $cmdtty failed"

mountpoint -q /dev/hugepages || mount -t hugetlbfs -o pagesize=2M nodev /dev/hugepages || die "mount hugetlbfs failed"

# ---- find the NICs, in cable order (sysfs path order == QEMU slot order, also behind root ports)
declare -a paths=()
for d in /sys/bus/pci/devices/*; do
    id="$(<"$d/vendor"):$(<"$d/device")"; id="${id//0x/}"
    for want in $FP_NIC_IDS; do
        [[ $id == "$want" ]] && paths+=("$(readlink -f "$d")")
    done
done
mapfile -t paths < <(printf '%s\n' "${paths[@]}" | sort)
nics=()
for p in "${paths[@]}"; do [[ -n $p ]] && nics+=("${p##*/}"); done
(( ${#nics[@]} == FP_NICS_EXPECTED )) || die "found ${#nics[@]} NICs (${nics[*]}), expected $FP_NICS_EXPECTED (ids: $FP_NIC_IDS)"

# ---- bind every NIC to vfio-pci
for bdf in "${nics[@]}"; do
    dev=/sys/bus/pci/devices/$bdf
    if [[ -e $dev/driver ]]; then
        cur="$(basename "$(readlink -f "$dev/driver")")"
        [[ $cur == vfio-pci ]] && continue
        echo "$bdf" > "$dev/driver/unbind" || die "unbind $bdf from $cur failed"
    fi
    echo vfio-pci > "$dev/driver_override"
    echo "$bdf" > /sys/bus/pci/drivers_probe 2>/dev/null
    [[ "$(basename "$(readlink -f "$dev/driver" 2>/dev/null)")" == vfio-pci ]] \
        || die "binding $bdf to vfio-pci failed (IOMMU groups present? $(ls /sys/kernel/iommu_groups 2>/dev/null | wc -l))"
    grp="$(basename "$(readlink -f "$dev/iommu_group")")"
    for _ in $(seq 50); do [[ -c /dev/vfio/$grp ]] && break; sleep 0.02; done
    [[ -c /dev/vfio/$grp ]] || die "/dev/vfio/$grp did not appear for $bdf"
done
log "NICs (${FP_NIC_MODEL}): ${nics[*]}"

# ---- run the command
cd "$FP_CWD" 2>/dev/null || die "cwd $FP_CWD does not exist in the guest (under /tmp? /tmp is the host's /tmp overlaid)"
export PATH="$FP_HOST_PATH" HOME=/tmp TMPDIR=/tmp DOTNET_CLI_HOME=/tmp DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
       DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_ADD_GLOBAL_TOOLS_TO_PATH=false DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 \
       FASTPATH_VM=1 FASTPATH_NICS="${nics[*]}" FASTPATH_NIC_MODEL="$FP_NIC_MODEL" FASTPATH_NIC_MACS="$FP_NIC_MACS" \
       FASTPATH_VM_OUT="$OUT" LANG=C.UTF-8 TERM=dumb
for kv in "${FP_EXTRA_ENV[@]}"; do export "${kv?}"; done
log "running command"
date +%s.%N > "$VM/cmd-start"
"${FP_CMD[@]}" < /dev/null > "$cmdtty" 2>&1
rc=$?
date +%s.%N > "$VM/cmd-end"
echo "$rc" > "$VM/exit-code"
log "command exited rc=$rc"
dmesg > "$OUT/dmesg.txt" 2>&1
sync
exit "$rc"
