#!/usr/bin/env bash
# Installs the Debian 12 packages that Fältstöd builds, tests and runs with.
# Works as root or through sudo; does nothing when everything is already installed.
# Extra package names given as arguments are installed too (tests/reliability/run.sh passes
# clang and its libFuzzer runtime for the full run's fuzzing).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsqlite3-dev nlohmann-json3-dev libtomlplusplus-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcli11-dev doctest-dev libicu-dev
  libcpp-httplib-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libhowardhinnant-date-dev libspdlog-dev uuid-dev
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri libfontconfig-dev libstb-dev gettext fonts-dejavu-core
  xvfb xauth curl faketime openssl tzdata
  dpkg-dev file lintian
  nginx-light
  "$@"
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
