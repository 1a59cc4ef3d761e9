/**
 * Registry searches answered by Python MLflow 3 and 2 (compat/py/registry_search_oracle.py) and
 * by us over the same registry: the same names and versions in the same order, page by page,
 * and an error wherever MLflow raises one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelRegistryClient } from '../../src/index.js';
import { MLFLOW_VERSIONS, runMlflow } from '../helpers/mlflow.js';

interface Query {
  entity: 'models' | 'versions';
  filter: string | null;
  orderBy: string[] | null;
  maxResults: number;
}
type Answer = { ids: string[]; pages: number } | { error: string };

const MODEL_FILTERS = [
  null, "name = 'iris'", "name != 'iris'", "name LIKE 'iris%'", "name ILIKE 'IRIS%'", "name LIKE '%-_'",
  "name IN ('wine', 'iris', 'nope')", "name NOT IN ('wine')", "tags.team = 'vision'", "tag.team != 'vision'",
  "tags.`owner email` LIKE '%@%'", "tags.team = 'vision' AND name LIKE '%rf'", "attribute.name = 'wine'",
  "tags.`mlflow.prompt.is_prompt` = 'true'", "tags.`mlflow.prompt.is_prompt` != 'true'",
  "run_id = 'x'", "name = 3", "metrics.a > 1", "name > 'a'", "tags.team IS NULL", "name = 'a' OR name = 'b'",
];
const VERSION_FILTERS = [
  null, "name = 'iris'", "version_number > 1", "version_number >= 2 AND name = 'iris'", "version_number = '2'",
  "version_number > 1.5", "run_id = 'run-a'", "run_id IN ('run-a', 'run-c')", "run_id NOT IN ('run-a')",
  "source_path LIKE '%/b/%'", "tags.fold = '2'", "tags.fold ILIKE '1'", "name LIKE 'iris-%'",
  "version_number IN ('1')", "version_number LIKE '1'", "name = 2", "tags.x IN ('a')", "run_id IS NULL",
];
const MODEL_ORDERS = [null, ['name DESC'], ['creation_timestamp DESC'], ['last_updated_timestamp', 'name DESC'], ['tags.team'], ['version_number']];
const VERSION_ORDERS = [null, ['version_number'], ['name', 'version_number DESC'], ['creation_timestamp ASC'], ['last_updated_timestamp DESC'], ['run_id']];

function queries(): Query[] {
  const out: Query[] = [];
  for (const filter of MODEL_FILTERS) for (const orderBy of [null, ['name DESC']]) out.push({ entity: 'models', filter, orderBy, maxResults: 100 });
  for (const orderBy of MODEL_ORDERS) for (const maxResults of [1, 3, 1000]) out.push({ entity: 'models', filter: null, orderBy, maxResults });
  for (const filter of VERSION_FILTERS) for (const orderBy of [null, ['name', 'version_number']]) out.push({ entity: 'versions', filter, orderBy, maxResults: 10_000 });
  for (const orderBy of VERSION_ORDERS) for (const maxResults of [2, 5, 200_000]) out.push({ entity: 'versions', filter: null, orderBy, maxResults });
  out.push({ entity: 'models', filter: null, orderBy: null, maxResults: 1001 }, { entity: 'versions', filter: null, orderBy: null, maxResults: 0 });
  return out;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

async function build(root: string): Promise<void> {
  const registry = new ModelRegistryClient(root);
  await registry.createRegisteredModel('iris', { tags: { team: 'vision', 'owner email': 'a@b.c' } });
  await pause();
  await registry.createRegisteredModel('iris-rf', { tags: { team: 'vision' } });
  await pause();
  await registry.createRegisteredModel('wine', { tags: { team: 'tabular' } });
  await registry.createRegisteredModel('summarize', { tags: { 'mlflow.prompt.is_prompt': 'true' } });
  await registry.createRegisteredModel('empty');
  for (const [name, runs] of [['iris', ['run-a', 'run-b', 'run-c']], ['iris-rf', ['run-a', 'run-b']], ['wine', ['run-c']]] as const) {
    for (const [i, run] of runs.entries()) {
      await pause();
      await registry.createModelVersion(name, `file:///models/${run === 'run-b' ? 'b' : 'x'}/${name}`, run, { tags: { fold: String(i + 1) } });
    }
  }
  await registry.deleteModelVersion('iris', 3);
  await pause();
  await registry.updateModelVersion('iris-rf', 1, { description: 'touched' });
}

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mlruns-registry-search-'));
  await build(join(folder, 'mlruns'));
  await writeFile(join(folder, 'queries.json'), JSON.stringify(queries()));
}, 60_000);
afterAll(() => rm(folder, { recursive: true, force: true }));

async function ours(query: Query): Promise<Answer> {
  const registry = new ModelRegistryClient(join(folder, 'mlruns'));
  const ids: string[] = [];
  let token: string | undefined;
  let pages = 0;
  try {
    do {
      const options = { filterString: query.filter ?? undefined, orderBy: query.orderBy ?? undefined, maxResults: query.maxResults, pageToken: token };
      if (query.entity === 'models') {
        const page = await registry.searchRegisteredModels(options);
        ids.push(...page.registeredModels.map((m) => m.name));
        token = page.nextPageToken;
      } else {
        const page = await registry.searchModelVersions(options);
        ids.push(...page.modelVersions.map((v) => `${v.name}/${v.version}`));
        token = page.nextPageToken;
      }
      pages++;
    } while (token !== undefined);
    return { ids, pages };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * List comparisons MLflow 3 added: MLflow 2.22 rejects `name IN (...)` on registered models and
 * `NOT IN` on model versions. mlruns follows MLflow 3 here.
 */
function newInMlflow3(query: Query): boolean {
  const filter = query.filter ?? '';
  return query.entity === 'models' ? /\bIN\b/.test(filter) : /\bNOT IN\b/.test(filter);
}

describe.each(MLFLOW_VERSIONS)('registry searches against MLflow %s', (version) => {
  it('gives the same answers, page by page, and fails where MLflow fails', async () => {
    const { answers: expected } = (await runMlflow(version, 'registry_search_oracle.py', [join(folder, 'mlruns'), join(folder, 'queries.json')])) as { answers: Answer[] };
    const mismatches: string[] = [];
    for (const [i, query] of queries().entries()) {
      const mine = await ours(query);
      const theirs = expected[i]!;
      if (version === '2' && newInMlflow3(query)) {
        if (!('error' in theirs) || 'error' in mine) mismatches.push(`${JSON.stringify(query)}: expected MLflow 2 to fail and us to answer`);
        continue;
      }
      const same = 'error' in theirs ? 'error' in mine : !('error' in mine) && JSON.stringify(mine) === JSON.stringify(theirs);
      if (!same) mismatches.push(`${JSON.stringify(query)}\n  MLflow: ${JSON.stringify(theirs)}\n  ours:   ${JSON.stringify(mine)}`);
    }
    expect(mismatches.join('\n')).toBe('');
    expect(expected.filter((a) => 'error' in a).length).toBeGreaterThan(10);
  }, 120_000);
});
