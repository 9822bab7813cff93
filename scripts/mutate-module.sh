#!/usr/bin/env bash
# Mutation-test one core module against the tests that exercise it, in a throw-away clone
# (a run over the whole suite takes hours on 2 cores; see docs/testing.md).
#
#   scripts/mutate-module.sh src/dvstat/membership.py tests/test_membership_rules.py tests/test_members.py
#
# Prints the survivors with their diffs; the clone is left in $TMPDIR/dvstat-mutate-NAME for
# `mutmut show` and re-runs (`mutmut run NAME…` there, after copying a new test in).
set -euo pipefail
module=$1; shift
[ $# -gt 0 ] || { echo "usage: $0 src/dvstat/MODULE.py tests/test_X.py…" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
name=$(basename "$module" .py)
clone=${TMPDIR:-/tmp}/dvstat-mutate-$name
rm -rf "$clone" && git clone -q "$here" "$clone" && cd "$clone"
python3 - "$module" "$@" <<'PY'
import json, re, sys
module, tests = sys.argv[1], sys.argv[2:]
text = open("pyproject.toml", encoding="utf-8").read()
text = re.sub(r"only_mutate = \[.*?\]", f"only_mutate = {json.dumps([module])}", text, flags=re.S)
text = text.replace(
    "pytest_add_cli_args = [",
    f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\npytest_add_cli_args = [",
)
open("pyproject.toml", "w", encoding="utf-8").write(text)
PY
mutmut run --max-children "${MUTMUT_CHILDREN:-$(nproc)}" > mutmut.log 2>&1 || true
tail -c 400 mutmut.log | tr -d '\r' | tail -3
for mutant in $(mutmut results 2>/dev/null | awk '/survived/ {sub(":$", "", $1); print $1}'); do
    echo "== $mutant"
    mutmut show "$mutant" 2>/dev/null | grep '^[-+]' | grep -v '^+++\|^---' || true
done
