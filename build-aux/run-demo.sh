#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Plugboard and opens it on the built-in demo data.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source build-aux/deps.sh
pb_install_deps build

[[ -f _build/build.ninja ]] || meson setup _build
meson compile -C _build
export GSETTINGS_SCHEMA_DIR=$top/_build/data
exec _build/src/plugboard --demo "$@"
