#!/usr/bin/env bash
# Build the bundled print output profile from Fogra's FOGRA39L characterisation data.
#
# Needs Debian's icc-profiles-free (the data, Zlib licence) and argyll (colprof, profcheck):
#   apt-get install icc-profiles-free argyll
# Writes src/brochure_builder/data/icc/FOGRA39-300.icc and prints how well it matches the
# measurements (profcheck: delta E CIE76 and CIEDE2000, mean and peak over the 1,617 patches).
#
# Settings: low quality tables (-ql, a compact profile, about 28 KB), ramp black generation
# (-kr: black replaces the grey component smoothly), total ink limited to 300% (-l300, what
# the preflight allows) and black to 95% (-L95), no copy of the data in the profile (-nc).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=/usr/share/color/icc/FOGRA39L.ti3
OUT=src/brochure_builder/data/icc/FOGRA39-300.icc
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$DATA" "$WORK/FOGRA39-300.ti3"
(
  cd "$WORK"
  colprof -ql -kr -l300 -L95 -nc \
    -D "FOGRA39 coated offset (ISO 12647-2), 300% total ink" \
    -C "Made by brochure-builder with ArgyllCMS from FOGRA39L data (Fogra), Zlib licence" \
    FOGRA39-300 >/dev/null
  profcheck FOGRA39-300.ti3 FOGRA39-300.icc
  profcheck -k FOGRA39-300.ti3 FOGRA39-300.icc  # CIEDE2000
)
mkdir -p "$(dirname "$OUT")"
cp "$WORK/FOGRA39-300.icc" "$OUT"
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"
