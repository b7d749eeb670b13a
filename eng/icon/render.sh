#!/usr/bin/env bash
# Renders the packages' icon (icon.svg) to the 128 x 128 PNG every package carries (PackageIcon, src/Directory.Build.props).
# Needs Debian's librsvg2-bin (apt-get install librsvg2-bin); run it after changing icon.svg and commit both files.
set -euo pipefail
cd "$(dirname "$0")"
rsvg-convert --width 128 --height 128 --format png icon.svg > icon.png
sha256sum icon.png
