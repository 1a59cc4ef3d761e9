"""Builds the `legacy` fixture: what older MLflow versions and other platforms left on disk.

    python build_legacy.py <root>          (run with the MLflow 3 venv; <root> must not exist)

Hand-written parts follow spec section 10 and were checked against a store written by a real
MLflow 1.27.0 (same keys, same order, same quoting); they are written as if the store had
always lived at /home/alice/proj/mlruns (or C:/Users/alice/proj/mlruns for the Windows part).
The last experiment is written by real MLflow 3 so that it has the folders MLflow 3 adds
(models/, datasets/, traces/, and inputs/ and outputs/ inside a run).

  0/                     Default as MLflow 1.x wrote it: no creation_time/last_update_time
  1/                     MLflow 0.9: `experiment_id: 1` (an int), plain-path artifact location
    a1b2c3d4...          0.9 run: run_uuid only (no run_id), `name: ''`, int experiment_id,
                         name only in the mlflow.runName tag
    0f1e2d3c...          0.7 run: no lifecycle_stage, 2-field metric lines (no step)
  2/                     MLflow 1.28/1.29: string id, no creation_time
    5e6f7a8b...          run without run_name (`name: ''`), run_id + run_uuid
    6f7a8b9c...          deleted run with run_uuid and deleted_time
  3/                     written on Windows by MLflow 2.x: file:///C:/... artifact URIs,
    7a8b9c0d...          CRLF metric lines
  .trash/4/              deleted by MLflow 1.27, which moved the folder but left
                         `lifecycle_stage: active` in both metas
  <18 digits>/           MLflow 3: logged model, dataset input, model input and output,
                         a metric line with dataset fields, a trace
"""

import os
import sys

from _common import client_for, die, emit

HOME = "/home/alice/proj/mlruns"
WINDOWS = "C:/Users/alice/proj/mlruns"


def write(root, rel, text, newline="\n"):
    path = os.path.join(root, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)


def run_folders(root, exp, run_id):
    for sub in ("metrics", "params", "tags", "artifacts"):
        os.makedirs(os.path.join(root, exp, run_id, sub), exist_ok=True)


def experiment_meta(artifact_location, experiment_id, name, stage="active", times=None):
    lines = [f"artifact_location: {artifact_location}"]
    if times:
        lines.append(f"creation_time: {times}")
    lines.append(f"experiment_id: {experiment_id}")
    if times:
        lines.append(f"last_update_time: {times}")
    lines += [f"lifecycle_stage: {stage}", f"name: {name}"]
    return "\n".join(lines) + "\n"


def build_hand_written(root):
    os.makedirs(os.path.join(root, ".trash"), exist_ok=True)
    write(root, "0/meta.yaml", experiment_meta(f"file://{HOME}/0", "'0'", "Default"))

    # --- MLflow 0.9 / 0.7 -----------------------------------------------------------------
    write(root, "1/meta.yaml", experiment_meta(f"{HOME}/1", "1", "mnist-0.9"))
    run = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    run_folders(root, "1", run)
    write(root, f"1/{run}/meta.yaml", f"""artifact_uri: {HOME}/1/{run}/artifacts
end_time: 1554000600000
entry_point_name: ''
experiment_id: 1
lifecycle_stage: active
name: ''
run_uuid: {run}
source_name: train.py
source_type: 4
source_version: 9f8e7d6c5b4a39281706f5e4d3c2b1a098765432
start_time: 1554000000000
status: 3
tags: []
user_id: alice
""")
    write(root, f"1/{run}/metrics/loss",
          "1554000100000 0.9 0\n1554000200000 0.5 1\n1554000300000 0.25 2\n")
    write(root, f"1/{run}/params/lr", "0.01")
    write(root, f"1/{run}/tags/mlflow.runName", "mnist baseline")
    write(root, f"1/{run}/tags/mlflow.user", "alice")
    write(root, f"1/{run}/tags/mlflow.source.name", "train.py")
    write(root, f"1/{run}/tags/mlflow.source.type", "LOCAL")

    run = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    run_folders(root, "1", run)
    write(root, f"1/{run}/meta.yaml", f"""artifact_uri: {HOME}/1/{run}/artifacts
end_time: 1540000300000
entry_point_name: ''
experiment_id: 1
name: ''
run_uuid: {run}
source_name: train.py
source_type: 4
source_version: ''
start_time: 1540000000000
status: 3
tags: []
user_id: alice
""")
    write(root, f"1/{run}/metrics/acc", "1540000100000 0.81\n1540000200000 0.87\n")
    write(root, f"1/{run}/params/epochs", "10")

    # --- MLflow 1.28 / 1.29 ---------------------------------------------------------------
    write(root, "2/meta.yaml", experiment_meta(f"file://{HOME}/2", "'2'", "cifar-1.28"))
    run = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
    run_folders(root, "2", run)
    write(root, f"2/{run}/meta.yaml", f"""artifact_uri: file://{HOME}/2/{run}/artifacts
end_time: 1660000900000
entry_point_name: ''
experiment_id: '2'
lifecycle_stage: active
name: ''
run_id: {run}
run_uuid: {run}
source_name: ''
source_type: 4
source_version: ''
start_time: 1660000000000
status: 3
tags: []
user_id: alice
""")
    write(root, f"2/{run}/metrics/val/acc", "1660000100000 0.7 0\n1660000200000 0.75 1\n")
    write(root, f"2/{run}/params/batch size", "64")
    write(root, f"2/{run}/tags/mlflow.runName", "named only by its tag")
    write(root, f"2/{run}/tags/mlflow.user", "alice")

    run = "6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c"
    run_folders(root, "2", run)
    write(root, f"2/{run}/meta.yaml", f"""artifact_uri: file://{HOME}/2/{run}/artifacts
deleted_time: 1660001000000
end_time: null
entry_point_name: ''
experiment_id: '2'
lifecycle_stage: deleted
name: ''
run_id: {run}
run_uuid: {run}
source_name: ''
source_type: 4
source_version: ''
start_time: 1660000500000
status: 5
tags: []
user_id: alice
""")
    write(root, f"2/{run}/tags/mlflow.runName", "deleted in 1.28")

    # --- MLflow 2.x on Windows ------------------------------------------------------------
    write(root, "3/meta.yaml", experiment_meta(f"file:///{WINDOWS}/3", "'3'", "windows box",
                                               times="1690000000000"))
    run = "7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"
    run_folders(root, "3", run)
    write(root, f"3/{run}/meta.yaml", f"""artifact_uri: file:///{WINDOWS}/3/{run}/artifacts
end_time: 1690000900000
entry_point_name: ''
experiment_id: '3'
lifecycle_stage: active
run_id: {run}
run_name: windows-run
run_uuid: {run}
source_name: ''
source_type: 4
source_version: ''
start_time: 1690000000000
status: 3
tags: []
user_id: alice
""")
    # MLflow appends metric lines in text mode, so Windows writes CRLF (spec 3.4).
    write(root, f"3/{run}/metrics/loss", "1690000100000 0.5 0\n1690000200000 0.4 1\n", newline="\r\n")
    write(root, f"3/{run}/tags/mlflow.runName", "windows-run")
    write(root, f"3/{run}/tags/mlflow.user", "alice")

    # --- deleted by MLflow 1.27 -------------------------------------------------------------
    write(root, ".trash/4/meta.yaml", experiment_meta(f"file://{HOME}/4", "'4'", "deleted in 1.27"))
    run = "8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e"
    run_folders(root, ".trash/4", run)
    write(root, f".trash/4/{run}/meta.yaml", f"""artifact_uri: file://{HOME}/4/{run}/artifacts
end_time: 1650000100000
entry_point_name: ''
experiment_id: '4'
lifecycle_stage: active
name: ''
run_id: {run}
run_uuid: {run}
source_name: ''
source_type: 4
source_version: ''
start_time: 1650000000000
status: 3
tags: []
user_id: alice
""")
    write(root, f".trash/4/{run}/tags/mlflow.runName", "run of a trashed experiment")


def build_mlflow3_extras(root):
    """The folders MLflow 3 adds, written by MLflow 3 itself. Returns symbol -> id."""
    from mlflow.entities import (
        Dataset,
        DatasetInput,
        InputTag,
        LoggedModelInput,
        LoggedModelOutput,
        LoggedModelStatus,
    )

    client = client_for(root)
    t = 1714000000000
    exp = client.create_experiment("mlflow 3 extras")
    run = client.create_run(exp, start_time=t, run_name="trains a model",
                            tags={"mlflow.user": "alice"}).info.run_id
    dataset = Dataset(name="iris", digest="3a5b1c2d", source_type="local",
                      source='{"uri": "data/iris.csv"}',
                      schema='{"mlflow_colspec": [{"type": "double", "name": "x"}]}',
                      profile='{"num_rows": 150}')
    client.log_inputs(run, datasets=[DatasetInput(dataset, [InputTag("mlflow.data.context", "train")])])
    model = client.create_logged_model(exp, name="classifier", source_run_id=run,
                                       params={"C": "1.0"}, tags={"framework": "none"})
    client.log_metric(run, "accuracy", 0.95, timestamp=t + 1000, step=1, dataset_name="iris",
                      dataset_digest="3a5b1c2d", model_id=model.model_id)
    client.log_metric(run, "loss", 0.2, timestamp=t + 1000, step=1)
    client.finalize_logged_model(model.model_id, LoggedModelStatus.READY)
    client.log_outputs(run, [LoggedModelOutput(model.model_id, step=1)])
    client.set_terminated(run, end_time=t + 2000)

    evaluation = client.create_run(exp, start_time=t + 3000, run_name="evaluates the model",
                                   tags={"mlflow.user": "alice"}).info.run_id
    client.log_inputs(evaluation, models=[LoggedModelInput(model.model_id)])
    client.set_terminated(evaluation, end_time=t + 4000)

    span = client.start_trace("predict", inputs={"x": [1.0, 2.0]}, experiment_id=exp)
    client.end_trace(span.trace_id, outputs={"y": 1})
    # The trace records who ran which script; make that alice's predict.py, not this machine.
    metadata = os.path.join(root, exp, "traces", span.trace_id, "request_metadata")
    write(metadata, "mlflow.user", "alice")
    write(metadata, "mlflow.source.name", "predict.py")
    return {"extras": exp, "extras_train": run, "extras_eval": evaluation,
            "extras_model": model.model_id, "extras_trace": span.trace_id}


def main():
    if len(sys.argv) != 2:
        die("usage: build_legacy.py <root>")
    root = sys.argv[1]
    if os.path.exists(root):
        die(f"{root} exists already")
    build_hand_written(root)
    ids = {"default": "0", "mnist": "1", "cifar": "2", "windows": "3", "trashed": "4"}
    ids.update(build_mlflow3_extras(root))
    emit(ids)


if __name__ == "__main__":
    main()
