#!/bin/sh
# PID 1 of the FastPath test guest (busybox, lives in the initramfs built by setup.sh).
# Loads 9p/overlay/vfio modules, mounts the host root (read-only 9p, tag 'hostroot') and the
# writable output share (tag 'fpout'), prepares a chroot and runs the per-run stage 2 script
# (written by run-in-guest.sh into <out>/.vm/stage2.sh) with the host's /bin/bash inside it.
# Always powers off; the exit code travels back through <out>/.vm/exit-code.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
log() { read -r up _ < /proc/uptime; echo "[guest-init $up] $*" > /dev/ttyS0; }
log "init started"
fail() { log "FATAL: $*"; echo "init: $*" > /mnt/out/.vm/init-error 2>/dev/null; poweroff -f; sleep 5; }

while read -r m; do
    insmod "/modules/$m" 2>/dev/null || log "insmod $m failed"
done < /modules/order

mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=mmap fpout /mnt/out || fail "cannot mount output share"
mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=512000,cache=loose hostroot /mnt/root || fail "cannot mount host root"

log "modules loaded, shares mounted"
R=/mnt/root
# loopback: vstest.console talks to testhost over TCP 127.0.0.1 (hangs 90 s without it)
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up || log "cannot bring up lo"
read -r OUTPATH < /mnt/out/.vm/outpath || fail "no .vm/outpath in output share"
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/shm $R/dev/hugepages $R/dev/pts
ln -sf /proc/self/fd $R/dev/fd; ln -sf /proc/self/fd/0 $R/dev/stdin
ln -sf /proc/self/fd/1 $R/dev/stdout; ln -sf /proc/self/fd/2 $R/dev/stderr
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
mount -t devpts devpts $R/dev/pts 2>/dev/null
mount -t tmpfs -o mode=755 tmpfs $R/run
# /tmp: the host's /tmp, copy-on-write onto a tmpfs (overlay), so files the host put in /tmp are
# visible and the guest can write; falls back to an empty tmpfs.
mkdir -p /ovl && mount -t tmpfs tmpfs /ovl && mkdir -p /ovl/u /ovl/w && chmod 1777 /ovl/u
if ! mount -t overlay overlay -o lowerdir=$R/tmp,upperdir=/ovl/u,workdir=/ovl/w $R/tmp 2>/dev/null; then
    log "overlay on /tmp failed; using an empty tmpfs"
    mount -t tmpfs -o mode=1777 tmpfs $R/tmp
fi
mkdir -p "$R$OUTPATH" 2>/dev/null
mount -o bind /mnt/out "$R$OUTPATH" || fail "cannot bind output share onto $OUTPATH"

log "chroot"
chroot $R /bin/bash "$OUTPATH/.vm/stage2.sh" "$OUTPATH"
rc=$?
log "stage2 done rc=$rc"
[ -f /mnt/out/.vm/exit-code ] || echo "$rc" > /mnt/out/.vm/exit-code
sync
umount "$R$OUTPATH" 2>/dev/null; umount /mnt/out 2>/dev/null
poweroff -f
