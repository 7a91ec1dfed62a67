#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtualenv (no source tree on the
# path), and run the installed `bmnn` there: `--version`, then the Lào Cai
# example imported into a temporary database and asked what is overdue.
# Catches a module, data file or dependency missing from the package.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python -m build --wheel --outdir "$work/dist" . >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; echo "scripts/check-wheel.sh: the wheel did not build" >&2; exit 1; }
rm -rf build
wheel=("$work"/dist/bmnn-*.whl)
python -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "${wheel[0]}" 2>&1 |
  grep -v "^WARNING: Location" >&2 || true
"$work/venv/bin/python" -c "import bmnn_cli" # the install above must have succeeded

expected="bmnn $(python -c 'import bmnn_cli; print(bmnn_cli.__version__)')"
got="$("$work/venv/bin/bmnn" --version)"
if [ "$got" != "$expected" ]; then
  echo "scripts/check-wheel.sh: the installed bmnn says '$got', expected '$expected'" >&2
  exit 1
fi

cd "$work"  # away from the source tree, so only the installed package can answer
export BMNN_DB="$work/check.db"
plan="$OLDPWD/examples/lao-cai/bmnn-2026.toml"
"$work/venv/bin/bmnn" import "$plan" >/dev/null
overdue="$("$work/venv/bin/bmnn" overdue --plan lao-cai-bmnn-2026 --as-of 2026-03-02 --format json)"
"$work/venv/bin/python" - "$overdue" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
assert rows and {row["task"] for row in rows} == {"IV.1.a"}, rows[:3]
PY
# The package data: the official calendar and the names of the state structure.
"$work/venv/bin/bmnn" calendar 2026 --format json >/dev/null
"$work/venv/bin/bmnn" extract "$OLDPWD/examples/corpus/06-dongthap-617-cds-doanh-nghiep-2025.txt" \
  -o "$work/draft.toml" >/dev/null 2>&1 ||
  { echo "scripts/check-wheel.sh: bmnn extract failed from the wheel" >&2; exit 1; }
echo "wheel: $(basename "${wheel[0]}") installs; $got; import, overdue, calendar and extract work from it"
