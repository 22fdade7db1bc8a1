#!/usr/bin/env bash
# FastPath guest harness: one-time, idempotent host setup.
#  - adds bookworm-backports (same mirror as debian.sources) and installs QEMU 10 from it
#    (igb needs QEMU >= 8), busybox-static, cpio, dpdk-dev (dpdk-testpmd as a traffic peer)
#  - downloads (does NOT install) the Debian kernel that linux-image-amd64 depends on and
#    unpacks it into tests/vm/.cache/kernel/<ver>/
#  - builds tests/vm/.cache/initramfs-<ver>.cpio.gz (busybox + 9p/overlay/vfio modules + init)
# Re-running skips everything already done. Force a rebuild of the initramfs with FORCE_INITRAMFS=1.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${FASTPATH_VM_CACHE:-$HERE/.cache}"
log() { printf '[vm-setup] %s\n' "$*" >&2; }
die() { printf '[vm-setup] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (apt-get install); re-run with sudo"
command -v apt-get >/dev/null || die "apt-get not found: this script supports Debian 12 (bookworm) hosts only"
. /etc/os-release
[[ "${VERSION_CODENAME:-}" == bookworm ]] || die "host is '${VERSION_CODENAME:-unknown}', expected Debian bookworm (backports suite name is derived from it)"

mkdir -p "$CACHE"

# ---------------------------------------------------------------- apt sources
BP_FILE=/etc/apt/sources.list.d/fastpath-bookworm-backports.sources
mirror_uri() {
    # First URI in debian.sources whose suites include 'bookworm' (the main archive, not -security).
    local f=/etc/apt/sources.list.d/debian.sources
    if [[ -f $f ]]; then
        awk '/^URIs:/{u=$2} /^Suites:/{ if ($0 ~ /(^|[ \t])bookworm([ \t]|$)/ && u!="") {print u; exit} }' "$f"
        return
    fi
    # fall back to one-line format
    awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true
}

need_update=0
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
    uri="$(mirror_uri)"
    [[ -n "$uri" ]] || die "could not find the Debian mirror URI in /etc/apt/sources.list.d/debian.sources; add a bookworm-backports source by hand"
    log "adding bookworm-backports from $uri -> $BP_FILE"
    cat > "$BP_FILE" <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    need_update=1
fi

qemu_ok() {
    command -v qemu-system-x86_64 >/dev/null || return 1
    qemu-system-x86_64 -device help 2>/dev/null | grep -q '"igb"'
}
pkgs_missing=()
qemu_ok || pkgs_missing+=(qemu)
for p in busybox-static cpio dpdk-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || pkgs_missing+=("$p")
done

if (( need_update )) || (( ${#pkgs_missing[@]} )) || [[ ! -f "$CACHE/kernel/.current" ]]; then
    if (( need_update )) || [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*bookworm-backports*Packages*' -print -quit 2>/dev/null)" ]]; then
        log "apt-get update"
        apt-get update -qq || die "apt-get update failed (is deb.debian.org reachable?)"
    fi
fi

export DEBIAN_FRONTEND=noninteractive
if [[ " ${pkgs_missing[*]} " == *" qemu "* ]]; then
    log "installing qemu-system-x86 from bookworm-backports"
    apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends -t bookworm-backports qemu-system-x86 >/dev/null \
        || die "apt-get install -t bookworm-backports qemu-system-x86 failed"
    qemu_ok || die "installed QEMU has no igb device (need QEMU >= 8 from bookworm-backports)"
fi
rest=()
for p in "${pkgs_missing[@]}"; do [[ $p == qemu ]] || rest+=("$p"); done
if (( ${#rest[@]} )); then
    log "installing ${rest[*]}"
    apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${rest[@]}" >/dev/null \
        || die "apt-get install ${rest[*]} failed"
fi
log "qemu: $(qemu-system-x86_64 --version | head -1)"

# ---------------------------------------------------------------- guest kernel
kpkg="$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')"
[[ -n "$kpkg" ]] || die "cannot resolve the kernel package that linux-image-amd64 depends on (apt-cache depends linux-image-amd64); run apt-get update"
kver="${kpkg#linux-image-}"
KDIR="$CACHE/kernel/$kver"
if [[ ! -f "$KDIR/.unpacked" ]]; then
    log "downloading $kpkg (not installed on the host)"
    tmpd="$(mktemp -d "$CACHE/dl.XXXXXX")"
    ( cd "$tmpd" && apt-get -o APT::Sandbox::User=root download -q "$kpkg" >/dev/null ) || { rm -rf "$tmpd"; die "apt-get download $kpkg failed"; }
    rm -rf "$KDIR"; mkdir -p "$KDIR"
    dpkg-deb -x "$tmpd"/*.deb "$KDIR" || die "dpkg-deb -x failed for $kpkg"
    rm -rf "$tmpd"
    touch "$KDIR/.unpacked"
fi
[[ -f "$KDIR/boot/vmlinuz-$kver" ]] || die "$KDIR/boot/vmlinuz-$kver missing; delete $KDIR and re-run"
echo "$kver" > "$CACHE/kernel/.current"

# Uncompressed ELF vmlinux: QEMU boots it through the PVH entry point (Debian kernels have
# CONFIG_PVH), skipping firmware real-mode setup and in-guest decompression: ~3.5 s faster per
# boot under TCG than the bzImage. Falls back to the bzImage if extraction fails.
VMLINUX="$KDIR/vmlinux"
if [[ ! -s $VMLINUX && ! -e $VMLINUX.none ]]; then
    bz="$KDIR/boot/vmlinuz-$kver"
    for c in 'xz:\xfd7zXZ\x00:xz -dc' 'zstd:\x28\xb5\x2f\xfd:zstd -qdc' 'gzip:\x1f\x8b\x08\x00:gzip -dc'; do
        IFS=: read -r name magic cmd <<<"$c"
        command -v "${cmd%% *}" >/dev/null || continue
        for off in $(LC_ALL=C grep -obUaP "$magic" "$bz" 2>/dev/null | cut -d: -f1 | head -5 || true); do
            tail -c +$((off + 1)) "$bz" | $cmd > "$VMLINUX.tmp" 2>/dev/null || true
            if [[ "$(head -c 4 "$VMLINUX.tmp" | od -An -tx1 | tr -d ' ')" == 7f454c46 ]]; then
                mv "$VMLINUX.tmp" "$VMLINUX"; log "extracted ELF vmlinux ($name payload at $off) for PVH boot"; break 2
            fi
        done
    done
    rm -f "$VMLINUX.tmp"
    if [[ -s $VMLINUX ]] && command -v readelf >/dev/null && ! readelf -n "$VMLINUX" | grep -q 'Unknown note type: (0x00000012)'; then
        log "vmlinux has no PVH entry note; booting the bzImage instead"; rm -f "$VMLINUX"
    fi
    [[ -s $VMLINUX ]] || : > "$VMLINUX.none"
fi

# ---------------------------------------------------------------- initramfs
INITRD="$CACHE/initramfs-$kver.cpio.gz"
INIT_SRC="$HERE/guest-init.sh"
if [[ -f "$INITRD" && "$INITRD" -nt "$INIT_SRC" && "$INITRD" -nt "${BASH_SOURCE[0]}" && -z "${FORCE_INITRAMFS:-}" ]]; then
    log "initramfs up to date: $INITRD"
else
    log "building $INITRD"
    MODS=(
        virtio/virtio_ring virtio/virtio virtio/virtio_pci_modern_dev virtio/virtio_pci_legacy_dev virtio/virtio_pci
        net/9p/9pnet net/9p/9pnet_virtio fs/netfs/netfs fs/fscache/fscache fs/9p/9p fs/overlayfs/overlay
        virt/lib/irqbypass vfio/vfio vfio/vfio_iommu_type1 vfio/vfio_virqfd vfio/pci/vfio-pci-core vfio/pci/vfio-pci
    )
    work="$(mktemp -d "$CACHE/initramfs.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work"/{bin,sbin,proc,sys,dev,mnt/root,mnt/out,modules,tmp}
    cp /bin/busybox "$work/bin/busybox"
    ln -s busybox "$work/bin/sh"   # init runs 'busybox --install -s' itself
    moddir="$KDIR/lib/modules/$kver/kernel"
    : > "$work/modules/order"
    for m in "${MODS[@]}"; do
        found=""
        for d in drivers "" ; do
            for ext in .ko .ko.xz .ko.zst; do
                f="$moddir/${d:+$d/}$m$ext"
                if [[ -f "$f" ]]; then found="$f"; break 2; fi
            done
        done
        if [[ -z "$found" ]]; then
            # built into the kernel? then modules.builtin lists it
            if grep -q "/$(basename "$m").ko\$" "$KDIR/lib/modules/$kver/modules.builtin" 2>/dev/null; then continue; fi
            die "module $m not found under $moddir (kernel layout changed?)"
        fi
        b="$(basename "$found")"
        case "$b" in
            *.xz)  xz -dc "$found" > "$work/modules/${b%.xz}"; b="${b%.xz}";;
            *.zst) zstd -qdc "$found" > "$work/modules/${b%.zst}"; b="${b%.zst}";;
            *)     cp "$found" "$work/modules/$b";;
        esac
        echo "$b" >> "$work/modules/order"
    done
    install -m 0755 "$INIT_SRC" "$work/init"
    ( cd "$work" && find . -print0 | cpio --null -o -H newc --quiet ) | gzip -1 > "$INITRD.tmp"
    mv "$INITRD.tmp" "$INITRD"
    rm -rf "$work"; trap - EXIT
fi
ln -sfn "$(basename "$INITRD")" "$CACHE/initramfs.cpio.gz"
ln -sfn "kernel/$kver/boot/vmlinuz-$kver" "$CACHE/vmlinuz"
if [[ -s $VMLINUX ]]; then ln -sfn "kernel/$kver/vmlinux" "$CACHE/vmlinux"; else rm -f "$CACHE/vmlinux"; fi
log "ready: kernel $kver, $(du -h "$INITRD" | cut -f1) initramfs"
