#!/usr/bin/env bash
# Install everything the checks need, then run them all (README command 2;
# .ci/run runs exactly this): ruff check, ruff format --check, mypy strict on
# src and tests, the wheel built and run from a fresh virtualenv
# (scripts/check-wheel.sh), then the test suite on both database engines,
# side by side, each in parallel (pytest-xdist). Debian packages listed in
# scripts/debian-packages.txt are installed when missing (as root), the
# project with its test and dev extras by pip. Every stage runs; the script
# fails when any of them failed. pytest's exit code 5 (no tests collected)
# is turned into a failure. Arguments go to pytest (e.g. `-x`, or `-m "not slow"`,
# which then makes one parallel run per engine).
set -uo pipefail
cd "$(dirname "$0")/.."
# Bytecode written once is read by every process the suite starts (xdist workers, and the
# hundreds of `bmnn` runs in fresh interpreters); where PYTHONDONTWRITEBYTECODE turns the
# writing off, each of them compiled every module it imports again, and pytest rewrote
# every test file's assertions again in each worker: about a tenth of the suite's CPU.
unset PYTHONDONTWRITEBYTECODE

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

python -m pip install -q -e '.[test,dev]' || exit 1

status=0
stage() {
  echo "== $*"
  "$@"
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "scripts/test.sh: failed ($rc): $*" >&2
    status=1
  fi
}

stage ruff check src tests benchmarks
stage ruff format --check src tests benchmarks
stage mypy                       # strict, on src and tests (pyproject.toml)
stage bash scripts/check-wheel.sh

# The suite on SQLite and on PostgreSQL side by side (tests about the SQLite
# file, or using no database, are left out of the PostgreSQL run; it starts one
# throwaway server, with a database per test). Each run writes its own log,
# printed whole when both have ended. Tests marked `alone` (writers and
# readers contending for the database in real time) run after the parallel
# part, one engine after the other, with nothing beside them.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pytest_run() {  # pytest_run LOG ARGS...: run pytest, its output to LOG
  local log=$1
  shift
  echo "== pytest $*" >"$log"
  python -m pytest "$@" >>"$log" 2>&1
  local rc=$?
  if [ "$rc" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests ($*)" >>"$log"
    rc=1
  fi
  echo "$rc" >"$log.rc"
}
show() {  # print each log, and fail the script for each run that failed
  local log rc
  for log in "$@"; do
    cat "$log"
    rc=$(cat "$log.rc" 2>/dev/null || echo 1)
    if [ "$rc" -ne 0 ]; then
      echo "scripts/test.sh: failed ($rc): $(head -1 "$log" | cut -c4-)" >&2
      status=1
    fi
  done
}
parallel=()
alone=()
for backend in sqlite postgresql; do
  if printf '%s\n' "$@" | grep -qx -- '-m'; then  # the caller chose the tests: one run
    pytest_run "$logs/$backend" -n auto --backend "$backend" "$@" &
    parallel+=("$logs/$backend")
    continue
  fi
  pytest_run "$logs/$backend" -n auto -m "not alone" --backend "$backend" "$@" &
  parallel+=("$logs/$backend")
  alone+=("$backend")
done
wait
show "${parallel[@]}"
# Only the files that hold `alone` tests are collected for them (collecting the whole
# suite took longer than some of the tests), unless the caller named what to run.
alone_files=()
if [ "$#" -eq 0 ]; then
  mapfile -t alone_files < <(grep -l 'pytest\.mark\.alone' tests/test_*.py)
fi
for backend in "${alone[@]}"; do
  pytest_run "$logs/$backend-alone" -m alone --backend "$backend" "${alone_files[@]}" "$@"
  show "$logs/$backend-alone"
done
exit "$status"
