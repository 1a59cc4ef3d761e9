"""Answers search queries the way Python MLflow's FileStore answers them, for the differential
search test.

Usage: search_oracle.py <root> <queries.json>

queries.json: {"runs": [{"experimentIds": [...], "filter": str|null, "orderBy": [...]|null,
                          "maxResults": int, "viewType": "ACTIVE_ONLY"|"DELETED_ONLY"|"ALL"}],
               "experiments": [{"filter": str|null, "orderBy": [...]|null, "maxResults": int,
                                "viewType": ...}]}

Prints {"runs": [answer...], "experiments": [answer...]} where each answer is either
{"ids": [...every id, pages walked to the end...], "pages": N} or {"error": message}.

The store's runs are loaded once per (experiment ids, view type) with the FileStore's own
loader; each query then goes through the same SearchUtils filter, sort and paginate calls that
FileStore._search_runs makes, walking next-page tokens to the end. Loading once keeps thousands
of queries affordable; every step that decides the answer is MLflow's own.
"""

import json
import sys

from _common import client_for, die, emit


def main():
    if len(sys.argv) != 3:
        die("usage: search_oracle.py <root> <queries.json>")
    root, queries_path = sys.argv[1], sys.argv[2]
    with open(queries_path, encoding="utf-8") as f:
        queries = json.load(f)

    from mlflow.entities import ViewType
    from mlflow.exceptions import MlflowException
    from mlflow.utils.search_utils import SearchExperimentsUtils, SearchUtils

    store = client_for(root)._tracking_client.store
    view_types = {"ACTIVE_ONLY": ViewType.ACTIVE_ONLY, "DELETED_ONLY": ViewType.DELETED_ONLY, "ALL": ViewType.ALL}
    loaded = {}

    def runs_of(experiment_ids, view_type):
        key = (tuple(experiment_ids), view_type)
        if key not in loaded:
            runs = []
            for experiment_id in experiment_ids:
                for info in store._list_run_infos(experiment_id, view_types[view_type]):
                    runs.append(store._get_run_from_info(info))
            loaded[key] = runs
        return loaded[key]

    def walk(search_page, max_results):
        ids, token, pages = [], None, 0
        while True:
            page, token = search_page(token)
            ids.extend(page)
            pages += 1
            if not token or pages > 10000 or max_results == 0:
                return {"ids": ids, "pages": pages}

    def run_answer(query):
        runs = runs_of(query["experimentIds"], query["viewType"])
        max_results = query["maxResults"]
        if max_results > 50000:
            raise MlflowException("Invalid value for request parameter max_results.")
        filtered = SearchUtils.filter(runs, query.get("filter"))
        ordered = SearchUtils.sort(filtered, query.get("orderBy"))

        def page(token):
            found, next_token = SearchUtils.paginate(ordered, token, max_results)
            return [r.info.run_id for r in found], next_token

        return walk(page, max_results)

    def experiment_answer(query):
        def page(token):
            found = store.search_experiments(
                view_type=view_types[query["viewType"]],
                max_results=query["maxResults"],
                filter_string=query.get("filter"),
                order_by=query.get("orderBy"),
                page_token=token,
            )
            return [e.experiment_id for e in found], found.token

        return walk(page, query["maxResults"])

    def answer(fn, query):
        try:
            return fn(query)
        except Exception as e:  # every MLflow failure, typed or not, counts as "an error"
            return {"error": f"{type(e).__name__}: {e}"}

    emit({
        "runs": [answer(run_answer, q) for q in queries.get("runs", [])],
        "experiments": [answer(experiment_answer, q) for q in queries.get("experiments", [])],
    })


if __name__ == "__main__":
    main()
