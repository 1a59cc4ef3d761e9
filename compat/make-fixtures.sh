#!/usr/bin/env bash
# Regenerates fixtures/ from real MLflow (see fixtures/README.md for what each fixture holds).
#
#   bash compat/make-fixtures.sh            all fixtures
#   bash compat/make-fixtures.sh legacy     only the named ones (mlflow-3 mlflow-2 legacy damaged registry)
#
# Every store is generated under a temp folder and then relocated to /home/alice/proj/mlruns,
# so no path of this machine ends up in a fixture. Ids and times change on every run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
fixtures="$repo/fixtures"
home_root="/home/alice/proj/mlruns"

bash "$here/setup-venv.sh"
py3="$here/.venv-mlflow3/bin/python"
py2="$here/.venv-mlflow2/bin/python"
tools="$here/py/fixture_tools.py"
export MLFLOW_ALLOW_FILE_STORE=true PYTHONDONTWRITEBYTECODE=1
# Traces are written synchronously, so the trace is complete when the script ends.
export MLFLOW_ENABLE_ASYNC_TRACE_LOGGING=false

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" # MLflow must not see this repository (git tags) or write into it

version_of() { "$1" -c 'import mlflow; print(mlflow.__version__)' 2>/dev/null; }
v3="$(version_of "$py3")"
v2="$(version_of "$py2")"

# sidecar <name> <made-by> <ids.json> <dump-args...>: writes the package inputs for <name>.
sidecar() {
  local name="$1" made_by="$2" ids="$3" dump3="$4" dump2="$5"
  "$py3" - "$name" "$made_by" "$ids" "$dump3" "$dump2" >"$work/$name.inputs.json" <<'PY'
import json, sys
name, made_by, ids, dump3, dump2 = sys.argv[1:]
load = lambda p: json.load(open(p, encoding="utf-8")) if p != "-" else None
json.dump({"fixture": name, "madeBy": made_by, "root": "/home/alice/proj/mlruns",
           "ids": load(ids), "mlflowReads": {"3": load(dump3), "2": load(dump2)}}, sys.stdout)
PY
}

make_scenario_fixture() { # <name> <python> <version>
  local name="$1" py="$2" version="$3" root="$work/$1/mlruns"
  mkdir -p "$work/$name"
  "$py" "$here/py/apply_scenario.py" "$root" "$here/scenarios/rich.json" >"$work/$name.ids.json"
  "$py3" "$tools" relocate "$root" "$home_root"
  "$py" "$here/py/rewrite_meta.py" "$root" >"$work/$name.rewrite.json"
  "$py3" "$tools" same-bytes "$root" "$work/$name.rewrite.json"
  "$py3" "$here/py/dump_store.py" "$root" >"$work/$name.dump3.json"
  "$py2" "$here/py/dump_store.py" "$root" >"$work/$name.dump2.json"
  sidecar "$name" "compat/scenarios/rich.json replayed by mlflow-skinny $version" \
    "$work/$name.ids.json" "$work/$name.dump3.json" "$work/$name.dump2.json"
  "$py3" "$tools" package "$root" "$fixtures" "$name" "$work/$name.inputs.json"
}

make_legacy() {
  local root="$work/legacy/mlruns"
  mkdir -p "$work/legacy"
  "$py3" "$here/py/build_legacy.py" "$root" >"$work/legacy.ids.json"
  "$py3" "$tools" relocate "$root" "$home_root"
  "$py3" "$here/py/dump_store.py" --tolerant "$root" >"$work/legacy.dump3.json"
  "$py2" "$here/py/dump_store.py" --tolerant "$root" >"$work/legacy.dump2.json"
  sidecar legacy "compat/py/build_legacy.py: hand-written old formats + mlflow-skinny $v3" \
    "$work/legacy.ids.json" "$work/legacy.dump3.json" "$work/legacy.dump2.json"
  "$py3" "$tools" package "$root" "$fixtures" legacy "$work/legacy.inputs.json"
}

make_damaged() {
  local root="$work/damaged/mlruns"
  mkdir -p "$work/damaged"
  "$py3" "$here/py/build_damaged.py" "$root" >"$work/damaged.ids.json"
  "$py3" "$tools" relocate "$root" "$home_root"
  # MLflow cannot list this store at all (".git" is not an experiment id): no dumps.
  sidecar damaged "compat/py/build_damaged.py: mlflow-skinny $v3, then damaged" \
    "$work/damaged.ids.json" - -
  "$py3" "$tools" package "$root" "$fixtures" damaged "$work/damaged.inputs.json"
}

make_registry() {
  local root="$work/registry/mlruns"
  mkdir -p "$work/registry"
  "$py3" "$here/py/build_registry.py" "$root" >"$work/registry.ids.json"
  "$py3" "$tools" relocate "$root" "$home_root"
  "$py3" "$here/py/dump_store.py" "$root" >"$work/registry.dump3.json"
  "$py2" "$here/py/dump_store.py" "$root" >"$work/registry.dump2.json"
  sidecar registry "compat/py/build_registry.py: mlflow-skinny $v3" \
    "$work/registry.ids.json" "$work/registry.dump3.json" "$work/registry.dump2.json"
  # What MLflow reads of the registry (names and versions only: after relocation the model
  # files are not where the store says, for MLflow as for any reader).
  "$py3" "$here/py/read_registry.py" "$root" >"$work/registry.reg3.json"
  "$py2" "$here/py/read_registry.py" "$root" >"$work/registry.reg2.json"
  "$py3" - "$work/registry.inputs.json" "$work/registry.reg3.json" "$work/registry.reg2.json" <<'PY'
import json, sys
path, reg3, reg2 = sys.argv[1:]
doc = json.load(open(path, encoding="utf-8"))
doc["registryReads"] = {"3": json.load(open(reg3, encoding="utf-8")), "2": json.load(open(reg2, encoding="utf-8"))}
json.dump(doc, open(path, "w", encoding="utf-8"))
PY
  "$py3" "$tools" package "$root" "$fixtures" registry "$work/registry.inputs.json"
}

targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(mlflow-3 mlflow-2 legacy damaged registry)
for target in "${targets[@]}"; do
  case "$target" in
    mlflow-3) make_scenario_fixture mlflow-3 "$py3" "$v3" ;;
    mlflow-2) make_scenario_fixture mlflow-2 "$py2" "$v2" ;;
    legacy) make_legacy ;;
    damaged) make_damaged ;;
    registry) make_registry ;;
    *) echo "compat/make-fixtures.sh: unknown fixture '$target'" >&2; exit 2 ;;
  esac
  echo "fixtures/$target: $(find "$fixtures/$target" -type f | wc -l | tr -d ' ') files" >&2
done

if grep -rIl -e "$work" -e "$repo" "$fixtures" >/dev/null 2>&1; then
  echo "compat/make-fixtures.sh: a machine path leaked into fixtures/:" >&2
  grep -rIl -e "$work" -e "$repo" "$fixtures" >&2
  exit 1
fi
