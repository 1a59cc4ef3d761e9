"""Answers registry searches the way Python MLflow's file registry does, for the differential test.

    python registry_search_oracle.py <root> <queries.json>

queries.json: [{"entity": "models" | "versions", "filter": str | null, "orderBy": [...] | null,
                "maxResults": int}, ...]

Prints {"answers": [answer, ...]} where an answer is {"ids": [...], "pages": N} (registered model
names, or "<name>/<version>" for versions, every page walked through next-page tokens) or
{"error": message}. Each query goes through MlflowClient.search_registered_models /
search_model_versions, so every step that decides the answer is MLflow's own.
"""

import json
import sys

from _common import die, emit, file_uri


def main():
    if len(sys.argv) != 3:
        die("usage: registry_search_oracle.py <root> <queries.json>")
    import mlflow

    root, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        queries = json.load(f)
    mlflow.set_registry_uri(file_uri(root))
    client = mlflow.MlflowClient(tracking_uri=file_uri(root), registry_uri=file_uri(root))

    def answer(query):
        models = query["entity"] == "models"
        search = client.search_registered_models if models else client.search_model_versions
        ids, token, pages = [], None, 0
        try:
            while True:
                page = search(query["filter"], max_results=query["maxResults"], order_by=query["orderBy"], page_token=token)
                ids.extend(m.name if models else f"{m.name}/{m.version}" for m in page)
                pages += 1
                token = page.token
                if not token or pages > 1000:
                    return {"ids": ids, "pages": pages}
        except Exception as error:  # MLflow raises ValueError and TypeError for some filters too
            return {"error": f"{type(error).__name__}: {error}"}

    emit({"answers": [answer(q) for q in queries]})


if __name__ == "__main__":
    main()
