#!/usr/bin/env bash
# Set up a fresh Debian machine for liuzhou_gui, then run the app or the tests.
#   bash scripts/dev.sh run [ARGS...]   set up what running needs, then start the app (default database)
#   bash scripts/dev.sh test [PYTEST ARGS...]   also the test and build tools; check that every runtime
#                                               dependency has a Windows wheel, then ruff, mypy and the tests offscreen,
#                                               on SQLite and on a throw-away PostgreSQL cluster (scripts/pg_test_cluster.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-run}; shift || true
case "$what" in
  run|test) ;;
  *) echo "usage: bash scripts/dev.sh {run|test} [ARGS...]" >&2; exit 2 ;;
esac

# Running: CJK TrueType fonts for PDFs (AR PL UMing, a 宋体-like face; HanaMin for rare characters
# such as 𠮷) and the libraries Qt's xcb and offscreen platforms load.
RUN_PACKAGES=(python3-venv fonts-arphic-uming fonts-wqy-microhei fonts-hanazono libegl1 libgl1 libxkbcommon0
  libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0 libnss3)
# Testing and building: poppler for reading PDFs back, Xvfb for screenshots, NSIS for the installer
# test, LibreOffice Calc for the .xls/.ods files it saves itself (import tests).
TEST_PACKAGES=(poppler-utils xvfb nsis libreoffice-calc-nogui)
DEB_PACKAGES=("${RUN_PACKAGES[@]}")
if [ "$what" = test ]; then DEB_PACKAGES+=("${TEST_PACKAGES[@]}"); fi

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  # LibreOffice without its recommends (Java, extra languages, the GUI): only the converter is needed.
  recommended=(); bare=()
  for pkg in "${missing[@]}"; do
    if [ "$pkg" = libreoffice-calc-nogui ]; then bare+=("$pkg"); else recommended+=("$pkg"); fi
  done
  if [ ${#recommended[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${recommended[@]}"
  fi
  if [ ${#bare[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${bare[@]}"
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# `run` installs the package alone; `test` adds the test extras (pytest, ruff, PyInstaller…).
extras=""; if [ "$what" = test ]; then extras="[test]"; fi
stamp=.venv/.installed-$what-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extras"
  touch "$stamp"
  # A test install also satisfies `run`.
  if [ "$what" = test ]; then touch ".venv/.installed-run-$(sha1sum pyproject.toml | cut -c1-12)"; fi
fi

case "$what" in
  run)
    exec .venv/bin/liuzhou-gui "$@" ;;
  test)
    .venv/bin/python scripts/check_windows_wheels.py
    .venv/bin/ruff check .
    .venv/bin/mypy  # the configuration and its cache: pyproject.toml [tool.mypy], .venv/mypy_cache
    export QT_QPA_PLATFORM=offscreen
    # The tests on PostgreSQL as well: a throw-away cluster for this run, stopped when it ends.
    exec bash scripts/pg_test_cluster.sh .venv/bin/python -m pytest "$@" ;;
esac
