"""Prints what Python MLflow reads of a model registry and of some logged models, as one JSON document.

    python read_registry.py <root> [<model_uri> ...]

Through the public API only (MlflowClient with the store as tracking and registry URI):

    {"registeredModels": [{"name", "description", "creationTimestamp", "lastUpdatedTimestamp",
                           "tags": {...}, "aliases": {alias: version},
                           "latestVersions": {stage: version}}, ...],      # sorted by name
     "modelVersions": [{"name", "version", "currentStage", "source", "runId", "description",
                        "status", "tags": {...}, "aliases": [...], "creationTimestamp",
                        "lastUpdatedTimestamp", "downloadUri"}, ...],     # by name, version
     "aliasLookups": {"<name>@<alias>": version},        # get_model_version_by_alias
     "models": {<model_uri>: {"flavors", "runId", "artifactPath", "signature": {"inputs", "outputs"}
                              | null, "inputExample": <load_input_example: an ndarray as lists,
                              a DataFrame as {"columns", "data"}> | null,
                              "files": [paths under the model, from mlflow.artifacts.list_artifacts]}}}

Versions are strings; stages of get_latest_versions are keyed by stage name.
"""

import sys
import tempfile

from _common import die, emit, file_uri


def version_of(mv):
    return str(mv.version)


def read_versions(client, name, download):
    versions = client.search_model_versions(f"name = '{name}'", max_results=10000)
    out = []
    for mv in sorted(versions, key=lambda v: int(v.version)):
        out.append({
            "name": mv.name, "version": version_of(mv), "currentStage": mv.current_stage,
            "source": mv.source, "runId": mv.run_id, "description": mv.description,
            "status": mv.status, "tags": dict(mv.tags), "aliases": sorted(mv.aliases),
            "creationTimestamp": mv.creation_timestamp,
            "lastUpdatedTimestamp": mv.last_updated_timestamp,
            "downloadUri": download(mv.name, mv.version),
        })
    return out


def plain_example(example):
    """An ndarray as nested lists, a DataFrame as its split form (columns, data)."""
    if example is None:
        return None
    if hasattr(example, "columns"):
        return {"columns": [str(c) for c in example.columns], "data": example.values.tolist()}
    return example.tolist() if hasattr(example, "tolist") else example


def read_model(uri):
    import mlflow
    from mlflow.models import Model

    model = Model.load(uri)
    # A download into a folder of our own: MLflow adds a registered_model_meta file to it.
    example = model.load_input_example(mlflow.artifacts.download_artifacts(uri, dst_path=tempfile.mkdtemp()))
    listed, pending = [], [""]
    while pending:
        folder = pending.pop(0)
        for info in mlflow.artifacts.list_artifacts(artifact_uri=f"{uri}/{folder}" if folder else uri):
            rel = info.path.split("/")[-1] if not folder else f"{folder}/{info.path.split('/')[-1]}"
            (pending if info.is_dir else listed).append(rel)
    signature = model.signature
    return {
        "flavors": model.flavors, "runId": model.run_id, "artifactPath": model.artifact_path,
        "signature": None if signature is None else {
            "inputs": signature.inputs.to_json(),
            "outputs": None if signature.outputs is None else signature.outputs.to_json()},
        "inputExample": plain_example(example),
        "files": sorted(listed),
    }


def main():
    if len(sys.argv) < 2:
        die("usage: read_registry.py <root> [<model_uri> ...]")
    import mlflow

    root, uris = sys.argv[1], sys.argv[2:]
    mlflow.set_tracking_uri(file_uri(root))
    mlflow.set_registry_uri(file_uri(root))
    client = mlflow.MlflowClient()
    models, versions, lookups = [], [], {}
    for rm in sorted(client.search_registered_models(max_results=1000), key=lambda m: m.name):
        models.append({
            "name": rm.name, "description": rm.description,
            "creationTimestamp": rm.creation_timestamp, "lastUpdatedTimestamp": rm.last_updated_timestamp,
            "tags": dict(rm.tags), "aliases": {k: str(v) for k, v in rm.aliases.items()},
            "latestVersions": {mv.current_stage: version_of(mv) for mv in client.get_latest_versions(rm.name)},
        })
        versions.extend(read_versions(client, rm.name, client.get_model_version_download_uri))
        for alias in rm.aliases:
            lookups[f"{rm.name}@{alias}"] = version_of(client.get_model_version_by_alias(rm.name, alias))
    emit({"registeredModels": models, "modelVersions": versions, "aliasLookups": lookups,
          "models": {uri: read_model(uri) for uri in uris}})


if __name__ == "__main__":
    main()
