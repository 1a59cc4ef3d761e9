"""Shared plumbing for the compatibility scripts: environment, client, canonical JSON.

Every script prints exactly one JSON document on stdout. MLflow and its dependencies may print
warnings; stdout is swapped for stderr while MLflow runs, so nothing can corrupt the document.
"""

import json
import math
import os
import pathlib
import sys

# The FileStore refuses to start without this since MLflow 3.13 (spec section 0.1).
os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
# Keep MLflow from phoning home or reading a user's config while it acts as an oracle.
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

_real_stdout = sys.stdout
sys.stdout = sys.stderr

# JSON cannot hold non-finite floats; these markers stand in for them in both directions.
NON_FINITE_TO_MARKER = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
MARKER_TO_FLOAT = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def file_uri(root):
    """The file: URI of a store root, as a user would pass it to MlflowClient."""
    return pathlib.Path(root).resolve().as_uri()


def client_for(root):
    from mlflow.tracking import MlflowClient

    return MlflowClient(tracking_uri=file_uri(root))


def mlflow_version():
    import mlflow

    return mlflow.__version__


def to_float(value):
    """A scenario number: a JSON number or one of the non-finite markers."""
    if isinstance(value, str):
        if value not in MARKER_TO_FLOAT:
            raise ValueError(f"not a number or non-finite marker: {value!r}")
        return MARKER_TO_FLOAT[value]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def encode_floats(value):
    """Replaces non-finite floats anywhere in a JSON-ready structure by their markers."""
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE_TO_MARKER[repr(value)]
    if isinstance(value, dict):
        return {k: encode_floats(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode_floats(v) for v in value]
    return value


def canonical(document):
    """The canonical JSON text of a structure: sorted keys, ASCII only, non-finite as markers.

    Also the way to compare structures that may hold NaN, which never equals itself.
    """
    return json.dumps(encode_floats(document), sort_keys=True, indent=1, ensure_ascii=True,
                      allow_nan=False)


def emit(document):
    """Prints the one JSON document of this process."""
    _real_stdout.write(canonical(document) + "\n")
    _real_stdout.flush()


def die(message):
    sys.stderr.write(f"{os.path.basename(sys.argv[0])}: {message}\n")
    sys.exit(2)
