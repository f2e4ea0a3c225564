#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian 13 pass of the test command: builds Plugboard and runs the whole suite (UI
# included) inside a Debian 13 ("trixie") chroot, the nearest stack to the GNOME runtime of the
# Flatpak that can be installed here (GTK 4.18, libadwaita 1.7, GLib 2.84, libsoup 3.6,
# json-glib 1.10). The chroot is made the first time (debootstrap --variant=minbase, then the
# packages of build-aux/deps.sh) and kept in $PB_DEBIAN13_ROOT (default _debian13, ignored by
# git); /proc, /dev and the source tree are bound into it while the suite runs.
# Needs root for debootstrap, mount and chroot: through sudo when not root.
#   usage: debian13.sh BUILDDIR [meson test arguments]
#          debian13.sh --run COMMAND [ARGUMENTS]   (any command, in the tree, inside the chroot:
#                                                  to build or look at the app with that stack)
# The results go to BUILDDIR/meson-logs/testlog.json (BUILDDIR relative to the source tree).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
source "$top/build-aux/deps.sh"
build=$1; shift
root=${PB_DEBIAN13_ROOT:-$top/_debian13}
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)

# The packages: those of every pass, but the sanitizer and fuzz passes' compiler (they run on
# the native system only); what a minimal system lacks for HTTPS, locales and SVG icons.
packages=("${pb_packages_build[@]}" "${pb_packages_test[@]}" ca-certificates locales
          librsvg2-common)
wanted=()
for p in "${packages[@]}"; do
  case $p in clang|libclang-rt-*|debootstrap) ;; *) wanted+=("$p") ;; esac
done

if [[ ! -x $root/usr/bin/apt-get ]]; then
  command -v debootstrap >/dev/null || pb_install_deps test
  echo "Making the Debian 13 chroot in $root (once; it is kept between runs)" >&2
  "${sudo[@]}" debootstrap --variant=minbase trixie "$root" >"$top/.debian13-bootstrap.log" 2>&1 \
    || { tail -20 "$top/.debian13-bootstrap.log" >&2; exit 1; }
fi

# /proc, /dev and the source tree, for as long as the script runs.
mounts=()
unmount () {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    "${sudo[@]}" umount -l "${mounts[i]}" 2>/dev/null || true
  done
}
trap unmount EXIT
# What an earlier run that was killed left mounted.
for m in /src /dev/pts /dev /proc; do
  mountpoint -q "$root$m" 2>/dev/null && "${sudo[@]}" umount -l "$root$m"
done
bind () {
  "${sudo[@]}" mkdir -p "$root$2"
  "${sudo[@]}" mount --bind "$1" "$root$2"
  mounts+=("$root$2")
}
bind /proc /proc
bind /dev /dev
bind /dev/pts /dev/pts
bind "$top" /src

if [[ ! -f $root/.plugboard-ready || $(cat "$root/.plugboard-ready") != "${wanted[*]}" ]]; then
  "${sudo[@]}" chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" chroot "$root" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
  # The translation tests switch the window to German and French.
  "${sudo[@]}" sed -i -E 's/^# *((de_DE|fr_FR)\.UTF-8 UTF-8)/\1/' "$root/etc/locale.gen"
  "${sudo[@]}" chroot "$root" locale-gen >/dev/null
  echo "${wanted[*]}" | "${sudo[@]}" tee "$root/.plugboard-ready" >/dev/null
fi

in_chroot=("${sudo[@]}" chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin
           HOME=/root LANG=C.UTF-8 CI="${CI:-}")
if [[ $build == --run ]]; then
  "${in_chroot[@]}" bash -c 'cd /src && exec "$@"' debian13 "$@"
  exit
fi

"${in_chroot[@]}" bash -c '
    set -e
    cd /src
    build=$1; shift
    [[ -f $build/build.ninja ]] || meson setup "$build" >/dev/null
    meson compile -C "$build"
    xvfb-run -a -s "-screen 0 1280x1024x24" \
      dbus-run-session -- build-aux/test-session.sh "$build" "$@"
  ' debian13 "$build" "$@"
