"""Prints what Python MLflow reads of the artifacts of some runs, as one canonical JSON document.

    python read_artifacts.py <root> <run_id> [<run_id> ...]

For each run, through the public client API only:

    {"runs": {<run_id>: {
        "listings": {<folder, "" for the root>: [[path, is_dir, file_size], ...]},
        "files": {<path>: <base64 of the bytes client.download_artifacts(run_id, "", dst) wrote>},
        "viaRunsUri": {<path>: <base64>},   # mlflow.artifacts.download_artifacts("runs:/<id>/<path>")
        "dicts": {<path>: <value>}}}}       # files under dicts/, loaded with yaml.safe_load
                                            # (.yaml, .yml) or json.loads (anything else)

Listings come from MlflowClient.list_artifacts, folder by folder from the root. The tracking URI
is set for the process so runs:/ URIs resolve against the same store.
"""

import base64
import json
import os
import sys
import tempfile

from _common import client_for, die, emit, file_uri


def walk_listings(client, run_id):
    listings, pending = {}, [""]
    while pending:
        folder = pending.pop(0)
        infos = client.list_artifacts(run_id, folder or None)
        listings[folder] = [[f.path, f.is_dir, f.file_size] for f in infos]
        pending.extend(f.path for f in infos if f.is_dir)
    return listings


def read_tree(top):
    files = {}
    for dirpath, _dirs, names in os.walk(top):
        for name in names:
            full = os.path.join(dirpath, name)
            with open(full, "rb") as handle:
                files[os.path.relpath(full, top).replace(os.sep, "/")] = base64.b64encode(handle.read()).decode()
    return files


def load_dict(path, data):
    import yaml

    text = base64.b64decode(data).decode("utf-8")
    return yaml.safe_load(text) if path.endswith((".yaml", ".yml")) else json.loads(text)


def read_run(client, run_id):
    import mlflow

    listings = walk_listings(client, run_id)
    with tempfile.TemporaryDirectory() as dst:
        files = read_tree(client.download_artifacts(run_id, "", dst))
    via_uri = {}
    for path in files:
        with tempfile.TemporaryDirectory() as dst:
            local = mlflow.artifacts.download_artifacts(artifact_uri=f"runs:/{run_id}/{path}", dst_path=dst)
            with open(local, "rb") as handle:
                via_uri[path] = base64.b64encode(handle.read()).decode()
    dicts = {p: load_dict(p, d) for p, d in files.items() if p.startswith("dicts/")}
    return {"listings": listings, "files": files, "viaRunsUri": via_uri, "dicts": dicts}


def main():
    if len(sys.argv) < 3:
        die("usage: read_artifacts.py <root> <run_id> [<run_id> ...]")
    import mlflow

    root = sys.argv[1]
    mlflow.set_tracking_uri(file_uri(root))
    client = client_for(root)
    emit({"runs": {run_id: read_run(client, run_id) for run_id in sys.argv[2:]}})


if __name__ == "__main__":
    main()
