#!/usr/bin/env bash
# Install tmux when it is missing, for tests/test_terminal.py (pam's views driven in a real
# terminal: 80 and 160 columns, the pager, Arabic as the screen holds it) and less (the pager
# those tests expect), from Debian's packages. Run by `make test` before pytest. It never
# fails the build: without apt-get, root or the network, those tests skip and say why (the
# pseudo-terminal tests of the same file still run).
set -u
if command -v tmux >/dev/null 2>&1 && command -v less >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_tmux: no apt-get here; the tmux tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup_tmux: not root and no sudo; the tmux tests will be skipped" >&2
    exit 0
  fi
fi
log="${TMPDIR:-/tmp}/pam-setup-tmux.log"
echo "setup_tmux: installing tmux and less (log: $log)" >&2
if ! { timeout 900 $SUDO apt-get update -q \
       && DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -q tmux less; } \
     >"$log" 2>&1; then
  echo "setup_tmux: could not install them (see $log); the tmux tests will be skipped" >&2
fi
exit 0
