"""Re-serializes every experiment and run meta.yaml of a store the way Python MLflow rewrites it.

    python rewrite_meta.py <root>

For each meta.yaml the file is loaded with MLflow's YAML reader, turned into MLflow's entity
through the FileStore's own persisted-dict helpers, turned back into the dict the FileStore
writes, and dumped with MLflow's write_yaml into a scratch directory. The store itself is never
modified. If our writer's bytes equal these, MLflow would have written the same file.

  experiment: Experiment entity -> dict(experiment), as create_experiment (no `tags` key) and
              delete/restore/rename (a `tags` snapshot) write it. Tags come from the file's own
              `tags` snapshot, not from tags/, so a stale snapshot is reproduced, not "fixed".
  run:        _read_persisted_run_info_dict -> RunInfo -> _make_persisted_run_info_dict, as
              FileStore._overwrite_run_info writes it; `deleted_time` is carried over when the
              file has the key (create_run's first write has `deleted_time: null`).

Prints {"mlflowVersion": ..., "files": {"<path relative to root>": {"kind": "experiment" |
"run", "base64": <rewritten bytes>} or {"kind": ..., "error": <message>}}}.
"""

import base64
import os
import sys
import tempfile

from _common import die, emit, mlflow_version

RESERVED_EXPERIMENT_FOLDERS = {"tags", "datasets", "traces", "models"}


def rewrite_experiment(meta):
    from mlflow.entities import ExperimentTag
    from mlflow.store.tracking.file_store import _read_persisted_experiment_dict

    had_tags = "tags" in meta
    meta = dict(meta)
    meta["tags"] = [ExperimentTag(k, v) for k, v in (meta.get("tags") or {}).items()]
    data = dict(_read_persisted_experiment_dict(meta))
    if not had_tags:
        # create_experiment drops the tags before writing (FileStore._create_experiment_with_id).
        del data["tags"]
    return data


def rewrite_run(meta):
    from mlflow.store.tracking.file_store import (
        _make_persisted_run_info_dict,
        _read_persisted_run_info_dict,
    )

    data = _make_persisted_run_info_dict(_read_persisted_run_info_dict(meta))
    if "deleted_time" in meta:
        data["deleted_time"] = meta["deleted_time"]
    return data


def meta_files(root):
    """(relative path, kind) of every experiment and run meta.yaml, in the root and .trash."""
    bases = [("", root), (".trash/", os.path.join(root, ".trash"))]
    for prefix, base in bases:
        if not os.path.isdir(base):
            continue
        for exp in sorted(os.listdir(base)):
            exp_dir = os.path.join(base, exp)
            if exp.endswith(".trash") or exp == "models" or not os.path.isdir(exp_dir):
                continue
            if os.path.isfile(os.path.join(exp_dir, "meta.yaml")):
                yield f"{prefix}{exp}/meta.yaml", "experiment"
            for run in sorted(os.listdir(exp_dir)):
                run_meta = os.path.join(exp_dir, run, "meta.yaml")
                if run not in RESERVED_EXPERIMENT_FOLDERS and os.path.isfile(run_meta):
                    yield f"{prefix}{exp}/{run}/meta.yaml", "run"


def main():
    if len(sys.argv) != 2:
        die("usage: rewrite_meta.py <root>")
    try:
        from mlflow.utils.yaml_utils import read_yaml, write_yaml
    except ImportError:  # MLflow 2.x keeps them in file_utils
        from mlflow.utils.file_utils import read_yaml, write_yaml

    root = os.path.abspath(sys.argv[1])
    files = {}
    with tempfile.TemporaryDirectory() as scratch:
        for rel, kind in meta_files(root):
            path = os.path.join(root, rel)
            try:
                meta = read_yaml(os.path.dirname(path), "meta.yaml")
                if not isinstance(meta, dict):
                    raise ValueError(f"meta.yaml holds {type(meta).__name__}, not a mapping")
                data = rewrite_experiment(meta) if kind == "experiment" else rewrite_run(meta)
                write_yaml(scratch, "meta.yaml", data, overwrite=True)
                with open(os.path.join(scratch, "meta.yaml"), "rb") as f:
                    files[rel] = {"kind": kind, "base64": base64.b64encode(f.read()).decode()}
            except Exception as error:  # noqa: BLE001 - reported per file, the rest go on
                files[rel] = {"kind": kind, "error": f"{type(error).__name__}: {error}"}
    emit({"mlflowVersion": mlflow_version(), "files": files})


if __name__ == "__main__":
    main()
