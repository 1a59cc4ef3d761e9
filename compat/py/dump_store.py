"""Prints everything Python MLflow reads from an mlruns store as one canonical JSON document.

    python dump_store.py <root>

Shape (camelCase, as in src/entities/):

    {"mlflowVersion": "3.17.2",
     "experiments": [{"experimentId", "name", "artifactLocation", "lifecycleStage",
                      "creationTime", "lastUpdateTime", "tags": {k: v},
                      "runs": [{"info": {"runId", "runName", "experimentId", "userId",
                                         "status", "startTime", "endTime", "artifactUri",
                                         "lifecycleStage"},
                                "data": {"metrics": {k: v}, "params": {k: v}, "tags": {k: v}},
                                "metricHistory": {k: [{"key", "value", "timestamp", "step"}]},
                                "inputs": {"datasetInputs": [...]}}]}]}

Experiments come from search_experiments(ViewType.ALL) and runs from search_runs(ViewType.ALL),
both paginated to the end. Each run is then loaded again with get_run, which is the single-run
path with MLflow 3.8+'s folder-structure check; the script fails if the two disagree.
Experiments are sorted by id, runs by run id, metric history keeps file order. NaN and
infinities appear as the strings "NaN", "Infinity", "-Infinity". Works with MLflow 2.x and 3.x.

With --tolerant (used for fixture goldens only), an experiment whose runs MLflow cannot load
gets "runs": [] and "runsError": "<exception>" instead of failing the whole dump.
"""

import sys

from _common import canonical, client_for, die, emit, mlflow_version

PAGE = 1000


def all_pages(fetch):
    items, token = [], None
    while True:
        page = fetch(token)
        items.extend(page)
        token = page.token
        if not token:
            return items


def experiment_dict(exp):
    return {
        "experimentId": exp.experiment_id,
        "name": exp.name,
        "artifactLocation": exp.artifact_location,
        "lifecycleStage": exp.lifecycle_stage,
        "creationTime": exp.creation_time,
        "lastUpdateTime": exp.last_update_time,
        "tags": dict(exp.tags),
    }


def metric_dict(metric):
    out = {"key": metric.key, "value": metric.value, "timestamp": metric.timestamp,
           "step": metric.step}
    # MLflow 3 lines logged against a dataset carry two more fields (spec section 3.4).
    if getattr(metric, "dataset_name", None):
        out["datasetName"] = metric.dataset_name
        out["datasetDigest"] = metric.dataset_digest
    return out


def dataset_input_dict(dataset_input):
    ds = dataset_input.dataset
    return {
        "dataset": {"name": ds.name, "digest": ds.digest, "sourceType": ds.source_type,
                    "source": ds.source, "schema": ds.schema, "profile": ds.profile},
        "tags": sorted(({"key": t.key, "value": t.value} for t in dataset_input.tags),
                       key=lambda t: t["key"]),
    }


def run_dict(client, run):
    info, data = run.info, run.data
    history = {key: [metric_dict(m) for m in client.get_metric_history(info.run_id, key)]
               for key in data.metrics}
    inputs = run.inputs.dataset_inputs if run.inputs is not None else []
    return {
        "info": {
            "runId": info.run_id,
            "runName": info.run_name,
            "experimentId": info.experiment_id,
            "userId": info.user_id,
            "status": info.status,
            "startTime": info.start_time,
            "endTime": info.end_time,
            "artifactUri": info.artifact_uri,
            "lifecycleStage": info.lifecycle_stage,
        },
        "data": {"metrics": dict(data.metrics), "params": dict(data.params),
                 "tags": dict(data.tags)},
        "metricHistory": history,
        "inputs": {"datasetInputs": sorted(
            (dataset_input_dict(d) for d in inputs),
            key=lambda d: (d["dataset"]["name"], d["dataset"]["digest"]))},
    }


def runs_of(client, experiment_id, view_all):
    listed = all_pages(lambda token: client.search_runs(
        [experiment_id], run_view_type=view_all, max_results=PAGE, page_token=token))
    runs = []
    for listed_run in sorted(listed, key=lambda r: r.info.run_id):
        fetched = run_dict(client, client.get_run(listed_run.info.run_id))
        searched = run_dict(client, listed_run)
        if canonical(fetched) != canonical(searched):
            die(f"search_runs and get_run disagree on run {listed_run.info.run_id}:\n"
                f"  search: {searched}\n  get:    {fetched}")
        runs.append(fetched)
    return runs


def main():
    args = [a for a in sys.argv[1:] if a != "--tolerant"]
    if len(args) != 1:
        die("usage: dump_store.py [--tolerant] <root>")
    tolerant = "--tolerant" in sys.argv
    from mlflow.entities import ViewType

    client = client_for(args[0])
    experiments = all_pages(lambda token: client.search_experiments(
        view_type=ViewType.ALL, max_results=PAGE, page_token=token))
    out = []
    for exp in sorted(experiments, key=lambda e: e.experiment_id):
        entry = experiment_dict(exp)
        try:
            entry["runs"] = runs_of(client, exp.experiment_id, ViewType.ALL)
        except Exception as error:  # noqa: BLE001 - only with --tolerant, for fixture goldens
            if not tolerant:
                raise
            entry["runs"] = []
            entry["runsError"] = f"{type(error).__name__}: {error}"
        out.append(entry)
    emit({"mlflowVersion": mlflow_version(), "experiments": out})


if __name__ == "__main__":
    main()
