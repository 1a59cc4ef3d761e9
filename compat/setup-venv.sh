#!/usr/bin/env bash
# Creates the two Python virtualenvs the compatibility suite uses as its oracle:
#   compat/.venv-mlflow3  mlflow-skinny 3.17.2 (newest release whose FileStore still works,
#                         behind MLFLOW_ALLOW_FILE_STORE=true)
#   compat/.venv-mlflow2  mlflow-skinny 2.22.4 (2.x line: writes run_uuid, no workspace keys)
# Every dependency is pinned in compat/requirements-mlflow{3,2}.txt.
#
# Idempotent and quiet: a venv whose marker file matches its requirements file is left alone,
# so a second run costs a few milliseconds. Anything else is rebuilt from scratch. Needs only
# python3 (>= 3.10) and pip reaching PyPI. Exits non-zero with the pip log tail on failure.
#
# Environment: MLRUNS_PYTHON picks the interpreter (default: python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${MLRUNS_PYTHON:-python3}"
marker_name=".mlruns-requirements"

fail() {
  echo "compat/setup-venv.sh: $*" >&2
  exit 1
}

venv_python() {
  if [ -x "$1/bin/python" ]; then echo "$1/bin/python"; else echo "$1/Scripts/python.exe"; fi
}

is_ready() {
  local venv="$1" req="$2"
  [ -f "$venv/$marker_name" ] && cmp -s "$req" "$venv/$marker_name" && [ -x "$(venv_python "$venv")" ]
}

# Builds one venv; runs in the background, so it reports through its exit status and log file.
build() {
  local venv="$1" req="$2" log="$3"
  rm -rf "$venv"
  "$python" -m venv "$venv" >"$log" 2>&1 || return 1
  local py
  py="$(venv_python "$venv")"
  "$py" -m pip install --quiet --disable-pip-version-check --no-input -r "$req" >>"$log" 2>&1 || return 1
  # Prove the install works before declaring the venv ready.
  (cd "$venv" && MLFLOW_ALLOW_FILE_STORE=true "$py" -c 'import mlflow, yaml; mlflow.MlflowClient' >>"$log" 2>&1) || return 1
  cp "$req" "$venv/$marker_name"
}

pending=()
for major in 3 2; do
  venv="$here/.venv-mlflow$major"
  req="$here/requirements-mlflow$major.txt"
  [ -f "$req" ] || fail "missing $req"
  is_ready "$venv" "$req" || pending+=("$major")
done
[ "${#pending[@]}" -eq 0 ] && exit 0

command -v "$python" >/dev/null 2>&1 || fail "'$python' not found; install Python 3.10+ or set MLRUNS_PYTHON"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null \
  || fail "'$python' is $("$python" --version 2>&1); MLflow 3 needs Python 3.10 or newer (set MLRUNS_PYTHON)"
"$python" -c 'import venv, ensurepip' 2>/dev/null \
  || fail "'$python' lacks the venv/ensurepip modules (on Debian/Ubuntu: apt-get install python3-venv)"

echo "compat/setup-venv.sh: installing pinned MLflow for venv(s): ${pending[*]} (about a minute on first run)" >&2
pids=()
for major in "${pending[@]}"; do
  build "$here/.venv-mlflow$major" "$here/requirements-mlflow$major.txt" "$here/.venv-mlflow$major.log" &
  pids+=("$!")
done

status=0
for i in "${!pending[@]}"; do
  major="${pending[$i]}"
  log="$here/.venv-mlflow$major.log"
  if wait "${pids[$i]}"; then
    rm -f "$log"
  else
    status=1
    echo "compat/setup-venv.sh: FAILED to build compat/.venv-mlflow$major from requirements-mlflow$major.txt" >&2
    echo "---- last lines of compat/.venv-mlflow$major.log ----" >&2
    # Skip pip's notes about this machine's package mirrors; keep the errors.
    grep -v '^WARNING: Location ' "$log" | tail -n 25 >&2 || true
    rm -rf "$here/.venv-mlflow$major"
  fi
done
[ "$status" -eq 0 ] || fail "could not install MLflow; check network access to PyPI and the log above"
