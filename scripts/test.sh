#!/usr/bin/env bash
# Install everything the test suite needs, then run it on both database
# engines (README command 2; .ci/run runs exactly this). Debian packages
# listed in scripts/debian-packages.txt are installed when missing (as root),
# the project with its test extras by pip; pytest's exit code 5 (no tests
# collected) is turned into a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=""
for package in $(grep -v '^\s*#' scripts/debian-packages.txt); do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "scripts/test.sh: missing Debian packages:$missing (install them as root)" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
fi

python -m pip install -q -e '.[test]' || exit 1

# The whole suite on SQLite, then again on PostgreSQL (tests about the SQLite
# file itself are left out of the second run).
status=0
for backend in sqlite postgresql; do
  echo "== pytest --backend $backend"
  python -m pytest --backend "$backend" "$@"
  rc=$?
  if [ "$rc" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests ($backend)" >&2
    rc=1
  fi
  [ "$rc" -ne 0 ] && status=$rc
done
exit "$status"
