#!/bin/sh
# tests/packaging/overlay.sh WORK SCRATCH CMD...: run CMD as root of a
# throwaway copy of the machine's / : an overlay whose changes live in a
# tmpfs at WORK, pivoted to in the private mount namespace this script must
# be started in (unshare -m --propagation private).  SCRATCH (the build
# copy) is at /scratch, /tmp/hb-results is shared for logs.  Nothing done
# inside reaches the machine's files or services: dpkg may install and
# remove packages freely, invoke-rc.d is refused and systemd is hidden.
set -u
work=$1 scratch=$2
shift 2
[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ] ||
	{ echo "overlay.sh: not in a private mount namespace" >&2; exit 1; }
mount -t tmpfs -o size=4g,mode=700 hbpkg "$work" || exit 1
mkdir "$work/u" "$work/w" "$work/m" || exit 1
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/u,workdir=$work/w" "$work/m" || exit 1
m=$work/m
mount -t proc proc "$m/proc" || exit 1
mount --rbind /dev "$m/dev" && mount --rbind /sys "$m/sys" || exit 1
mkdir -p "$m/scratch" /tmp/hb-results "$m/tmp/hb-results" "$m/.oldroot"
mount --bind "$scratch" "$m/scratch" && mount --bind /tmp/hb-results "$m/tmp/hb-results" || exit 1
cd "$m" && pivot_root . .oldroot || exit 1
umount -l /.oldroot
rmdir /.oldroot 2>/dev/null
cd /
printf '#!/bin/sh\n# tests/packaging: no service starts in a throwaway root\nexit 101\n' >/usr/sbin/policy-rc.d
chmod 755 /usr/sbin/policy-rc.d
rm -rf /run/systemd/system
rm -f /var/lib/man-db/auto-update
exec "$@"
