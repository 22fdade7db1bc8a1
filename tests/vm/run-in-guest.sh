#!/usr/bin/env bash
# Run one command inside a QEMU (TCG) q35 guest with a real IOMMU + VFIO stack and emulated
# Intel NICs bound to vfio-pci. The host root is the guest root (read-only 9p); the command
# runs in the host's current directory. See tests/vm/README.md.
#
# usage: run-in-guest.sh [--nic-model e1000e|igb] [--nics 2|4] [--timeout SECONDS] [--out DIR]
#                        [--hugepages N] [--mem MB] [--env NAME=VALUE]... [--console] -- command args...
# exit code: the command's exit code; 124 = timeout (QEMU killed); 125 = harness/guest failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${FASTPATH_VM_CACHE:-$HERE/.cache}"
die() { printf 'run-in-guest: ERROR: %s\n' "$*" >&2; exit 125; }
usage() { sed -n '6,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 125; }

model=e1000e nics=2 timeout=600 out="$CACHE/out" hugepages=256 mem=2048 console=0
extra_env=()
while (( $# )); do
    case "$1" in
        --nic-model) model="${2:?--nic-model needs a value}"; shift 2;;
        --nics) nics="${2:?--nics needs a value}"; shift 2;;
        --timeout) timeout="${2:?--timeout needs a value}"; shift 2;;
        --out) out="${2:?--out needs a value}"; shift 2;;
        --hugepages) hugepages="${2:?--hugepages needs a value}"; shift 2;;
        --mem) mem="${2:?--mem needs a value}"; shift 2;;
        --env) [[ ${2:-} == *=* ]] || die "--env needs NAME=VALUE"; extra_env+=("$2"); shift 2;;
        --console) console=1; shift;;
        --) shift; break;;
        -h|--help) usage;;
        *) die "unknown option '$1' (did you forget '--' before the command?)";;
    esac
done
(( $# )) || die "no command given; usage: run-in-guest.sh [options] -- command args..."
case "$model" in
    e1000e) nic_ids="8086:10d3";;
    igb)    nic_ids="8086:10c9";;
    *) die "--nic-model must be e1000e or igb, got '$model'";;
esac
[[ $nics == 2 || $nics == 4 ]] || die "--nics must be 2 or 4, got '$nics'"
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout must be whole seconds"
[[ $hugepages =~ ^[0-9]+$ && $mem =~ ^[0-9]+$ ]] || die "--hugepages/--mem must be numbers"
(( hugepages * 2 + 512 <= mem )) || die "--hugepages $hugepages (2 MiB each) leaves less than 512 MiB of the ${mem} MiB guest; raise --mem"

# ---- prerequisites (setup.sh creates them)
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found; run tests/vm/setup.sh (as root)"
kernel="$CACHE/vmlinuz" initrd="$CACHE/initramfs.cpio.gz"
[[ -s $CACHE/vmlinux ]] && kernel="$CACHE/vmlinux"   # uncompressed ELF: PVH boot, ~3.5 s faster
[[ -r $kernel && -r $initrd ]] || die "guest kernel/initramfs missing in $CACHE; run tests/vm/setup.sh"
[[ $HERE/guest-init.sh -nt $initrd ]] && die "guest-init.sh is newer than the initramfs; re-run tests/vm/setup.sh"
if [[ $model == igb ]] && ! qemu-system-x86_64 -device help 2>/dev/null | grep -q '"igb"'; then
    die "this QEMU has no igb device (needs QEMU >= 8 from bookworm-backports); run tests/vm/setup.sh"
fi

cwd="$(pwd -P)"
case "$cwd/" in /tmp/*) echo "run-in-guest: note: cwd is under /tmp; the guest sees the host's /tmp as a copy-on-write overlay" >&2;; esac
mkdir -p "$out" || die "cannot create output dir $out"
out="$(cd "$out" && pwd -P)"
[[ $out != / && $out != /tmp ]] || die "--out must be a dedicated directory, not $out"
case "$out/" in /proc/*|/sys/*|/dev/*|/run/*) die "--out cannot be under /proc, /sys, /dev or /run (the guest mounts its own there)";; esac

# ---- one QEMU at a time (2-core host): serialize through a lock
lock="$CACHE/.qemu.lock"
exec 9>"$lock"
if ! flock -n 9; then
    echo "run-in-guest: another guest is running; waiting for $lock" >&2
    flock 9
fi

vm="$out/.vm"
rm -rf "$vm"; mkdir -p "$vm"
rm -f "$out/dmesg.txt" "$out/console.log"
printf '%s\n' "$out" > "$vm/outpath"
cp "$HERE/guest-stage2.sh" "$vm/stage2.sh"

macs=()
for ((i = 0; i < nics; i++)); do macs+=("52:54:00:fa:00:0$i"); done
{
    printf 'FP_NIC_IDS=%q\n' "$nic_ids"
    printf 'FP_NICS_EXPECTED=%q\n' "$nics"
    printf 'FP_NIC_MODEL=%q\n' "$model"
    printf 'FP_NIC_MACS=%q\n' "${macs[*]}"
    printf 'FP_CWD=%q\n' "$cwd"
    printf 'FP_HOST_PATH=%q\n' "$PATH"
    printf 'FP_CMD=('; printf '%q ' "$@"; printf ')\n'
    printf 'FP_EXTRA_ENV=('; (( ${#extra_env[@]} )) && printf '%q ' "${extra_env[@]}"; printf ')\n'
} > "$vm/env"

# ---- QEMU command line
# qboot boots ~1 s faster than SeaBIOS under TCG; fall back to SeaBIOS if the ROM is missing.
bios=()
[[ -r /usr/share/qemu/qboot.rom ]] && bios=(-bios /usr/share/qemu/qboot.rom)
args=(
    -machine q35,accel=tcg -cpu max -smp 1 -m "$mem"
    -nodefaults -no-user-config -display none -no-reboot
    "${bios[@]}"
    -device intel-iommu,intremap=on
    -kernel "$kernel" -initrd "$initrd"
    -append "console=ttyS0 panic=-1 quiet loglevel=3 intel_iommu=on hugepages=$hugepages mitigations=off init_on_alloc=0 tsc=reliable ${FASTPATH_VM_APPEND:-}"
    -serial "file:$out/console.log"
    -chardev stdio,id=cmdout,signal=off -serial chardev:cmdout
    -fsdev local,id=fsroot,path=/,readonly=on,security_model=none,multidevs=remap
    -device virtio-9p-pci,fsdev=fsroot,mount_tag=hostroot
    -fsdev local,id=fsout,path="$out",security_model=none
    -device virtio-9p-pci,fsdev=fsout,mount_tag=fpout
)
for ((i = 0; i < nics; i++)); do
    hub=$(( i / 2 ))
    args+=(-netdev "hubport,id=p$i,hubid=$hub")
    slot=$(printf '%02x' $(( 4 + i )))
    if [[ $model == igb ]]; then
        # each igb needs its own root port (its SR-IOV VF slots collide otherwise)
        args+=(-device "pcie-root-port,id=rp$i,bus=pcie.0,chassis=$(( i + 1 )),addr=$slot.0"
               -device "igb,bus=rp$i,netdev=p$i,mac=${macs[i]},romfile=")
    else
        args+=(-device "e1000e,netdev=p$i,addr=$slot.0,mac=${macs[i]},romfile=")
    fi
done

# debugging knob: extra QEMU arguments (word-split)
# shellcheck disable=SC2206
[[ -n ${FASTPATH_VM_QEMU_ARGS:-} ]] && args+=($FASTPATH_VM_QEMU_ARGS)

t0=$(date +%s.%N)
tailpid=
if (( console )); then
    : > "$out/console.log"
    tail -n +1 -F "$out/console.log" 2>/dev/null | sed -u 's/^/[console] /' >&2 &
    tailpid=$!
fi
set +e
timeout --kill-after=5 "$timeout" qemu-system-x86_64 "${args[@]}" < /dev/null 2> "$vm/qemu.stderr"
qrc=$?
set -e
# CPU time of QEMU (children of this shell): a load-independent cost measure on a busy host
times > "$vm/times"
read -r cu cs < <(tail -1 "$vm/times" | sed -E 's/([0-9]+)m([0-9.]+)s/\1 \2/g' | awk '{print $1*60+$2, $3*60+$4}') || true
[[ -n $tailpid ]] && { sleep 0.2; kill "$tailpid" 2>/dev/null; wait "$tailpid" 2>/dev/null || true; }
t1=$(date +%s.%N)

show_console() {
    grep -v 'is not connected to host network' "$vm/qemu.stderr" >&2 2>/dev/null || true
    echo "run-in-guest: ---- last lines of $out/console.log ----" >&2
    tail -n 40 "$out/console.log" 2>/dev/null | tr -d '\r' >&2 || true
}
timing() {
    local total cmd=""
    total=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
    if [[ -f $vm/cmd-start && -f $vm/cmd-end ]]; then
        cmd=$(awk -v a="$(<"$vm/cmd-start")" -v b="$(<"$vm/cmd-end")" 'BEGIN{printf ", command %.1f s, overhead %.1f s", b-a, '"$total"'-(b-a)}')
    fi
    echo "run-in-guest: $model x$nics: guest wall ${total} s${cmd}; QEMU cpu $(awk -v u="${cu:-0}" -v s="${cs:-0}" 'BEGIN{printf "%.1f", u+s}') s" >&2
}

if (( qrc == 124 || qrc == 137 )); then
    timing
    echo "run-in-guest: ERROR: timeout after ${timeout} s; QEMU was killed (raise --timeout, or check $out/console.log)" >&2
    show_console
    exit 124
fi
if [[ ! -f $vm/exit-code ]]; then
    timing
    echo "run-in-guest: ERROR: the guest produced no exit code (QEMU exit status $qrc)${vm:+; $(cat "$vm/init-error" 2>/dev/null)}" >&2
    show_console
    exit 125
fi
rc="$(<"$vm/exit-code")"
[[ $rc =~ ^[0-9]+$ ]] || rc=125
if [[ -f $vm/init-error ]]; then
    echo "run-in-guest: ERROR: guest setup failed: $(<"$vm/init-error")" >&2
    show_console
fi
timing
exit "$rc"
