#!/usr/bin/env bash
# Set up a fresh Debian machine for liuzhou_gui, then run the app or the tests.
#   bash scripts/dev.sh run [ARGS...]   set up, then start the app (default database)
#   bash scripts/dev.sh test [PYTEST ARGS...]   set up, then run ruff and the tests offscreen
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: CJK TrueType fonts for PDFs (AR PL UMing, a 宋体-like face; HanaMin for rare
# characters such as 𠮷), poppler for reading PDFs back in tests,
# Xvfb for screenshots, and the libraries Qt's xcb and offscreen platforms load.
DEB_PACKAGES=(python3-venv fonts-arphic-uming fonts-wqy-microhei fonts-hanazono poppler-utils xvfb libegl1 libgl1 libxkbcommon0
  libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0 libnss3 nsis)

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi

what=${1:-run}; shift || true
case "$what" in
  run)
    exec .venv/bin/liuzhou-gui "$@" ;;
  test)
    .venv/bin/ruff check .
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: bash scripts/dev.sh {run|test} [ARGS...]" >&2; exit 2 ;;
esac
