#!/usr/bin/env bash
# Install what the spreadsheet tests (tests/test_sheets_*.py) use when it is missing: LibreOffice
# Calc without a GUI, for `soffice --headless --convert-to` (xlsx -> ods, xlsx -> csv and back),
# so that files as LibreOffice writes them are read. Run by `make test` before pytest.
# libreoffice-calc-nogui is Debian's smallest package that gives soffice --convert-to for
# spreadsheets (no X, no Java, no Writer or Impress).
# It never fails the build: without apt-get, root or the network, those tests skip and pytest
# says why.
set -u
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_libreoffice: no apt-get here; the LibreOffice conversion tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup_libreoffice: not root and no sudo; the LibreOffice conversion tests will be skipped" >&2
    exit 0
  fi
fi
log="${TMPDIR:-/tmp}/pam-setup-libreoffice.log"
echo "setup_libreoffice: installing libreoffice-calc-nogui (log: $log)" >&2
if ! { timeout 900 $SUDO apt-get update -q \
       && DEBIAN_FRONTEND=noninteractive timeout 1800 $SUDO apt-get install -y -q \
            --no-install-recommends libreoffice-calc-nogui; } >"$log" 2>&1; then
  echo "setup_libreoffice: could not install it (see $log); the LibreOffice conversion tests will be skipped" >&2
fi
exit 0
