#!/usr/bin/env bash
# Renders the kiosk's icon (assets/icons/faltstod.svg) to the PNG sizes the package installs
# (assets/icons/png/<N>.png). The PNGs are committed, so building a package needs no SVG
# renderer; run this after changing the SVG (needs rsvg-convert from librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
command -v rsvg-convert >/dev/null || { echo "render-icons: install librsvg2-bin (rsvg-convert)" >&2; exit 1; }
mkdir -p png
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" faltstod.svg --output "png/$size.png"
done
echo "render-icons: wrote $(ls png | wc -l) PNGs to assets/icons/png"
