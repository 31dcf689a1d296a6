#!/usr/bin/env bash
# Install what tests/test_browser.py and tests/test_reports_pdf.py need when it is missing:
# headless Chromium (pam's PDF engine), the Noto fonts (Arabic included) and poppler-utils
# (pdftotext, pdftoppm), from Debian's packages. Run by `make test` before pytest.
# It never fails the build: without apt-get, root or the network, the browser tests skip and
# pytest says why.
set -u
have_fonts() { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Naskh Arabic"; }
if { [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; } && have_fonts \
   && command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_browser: no apt-get here; the browser tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup_browser: not root and no sudo; the browser tests will be skipped" >&2
    exit 0
  fi
fi
log="${TMPDIR:-/tmp}/pam-setup-browser.log"
echo "setup_browser: installing chromium, fonts-noto-core and poppler-utils (log: $log)" >&2
if ! { timeout 900 $SUDO apt-get update -q \
       && DEBIAN_FRONTEND=noninteractive timeout 1800 $SUDO apt-get install -y -q \
            chromium fonts-noto-core poppler-utils; } >"$log" 2>&1; then
  echo "setup_browser: could not install them (see $log); the browser tests will be skipped" >&2
fi
exit 0
