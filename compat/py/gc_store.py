"""Runs `mlflow gc` on a store, as a user would from a shell.

    python gc_store.py <root> [<older-than>]

Prints {"output": what mlflow gc printed on stdout, "code": its exit code, "error": the last
line it printed on stderr when it failed, else null}.
"""

import os
import subprocess
import sys

from _common import die, emit, file_uri


def main():
    if len(sys.argv) not in (2, 3):
        die("usage: gc_store.py <root> [<older-than>]")
    uri = file_uri(sys.argv[1])
    command = [sys.executable, "-m", "mlflow", "gc", "--backend-store-uri", uri]
    if len(sys.argv) == 3:
        command += ["--older-than", sys.argv[2]]
    done = subprocess.run(command, env={**os.environ, "MLFLOW_TRACKING_URI": uri}, capture_output=True, text=True)
    lines = done.stderr.strip().splitlines()
    error = lines[-1] if done.returncode != 0 and lines else None
    emit({"output": done.stdout, "code": done.returncode, "error": error})


if __name__ == "__main__":
    main()
