import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { mlruns } from '../helpers/cli.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import { freshStorePath } from '../helpers/tmp.js';

interface Problem {
  code: string;
  path: string;
  message: string;
  fix: string | null;
}
interface DoctorJson {
  root: string;
  checked: { experiments: number; runs: number };
  problems: Problem[];
  fixed: Problem[];
}

const TWO_MINUTES_AGO = new Date(Date.now() - 120_000);

/**
 * The damaged fixture (written by MLflow 3, then damaged), damaged further: a malformed metric
 * line, a param with CRLF, a missing params/ folder, a leftover temporary file, a stale lock,
 * and a second experiment with the name of another.
 */
async function damagedStore() {
  const root = await copyFixture('damaged');
  const { ids } = fixtureInfo('damaged');
  const good = join(root, ids.healthy!, ids.good!);
  await appendFile(join(good, 'metrics', 'loss'), '1714000000000 0.5 1 extra\n');
  await mkdir(join(good, 'tags'), { recursive: true });
  await writeFile(join(good, 'tags', 'note'), 'line one\r\nline two');
  await rm(join(root, ids.healthy!, ids.ds_store!, 'params'), { recursive: true });
  const temp = join(good, '.mlruns-tmp-meta.yaml-abc123');
  await writeFile(temp, 'half');
  const lock = join(good, '.mlruns-lock');
  await mkdir(lock);
  for (const path of [temp, lock]) await utimes(path, TWO_MINUTES_AGO, TWO_MINUTES_AGO);
  const twin = '123456789012345678';
  await cp(join(root, ids.healthy!, 'meta.yaml'), join(root, twin, 'meta.yaml'));
  const twinMeta = join(root, twin, 'meta.yaml');
  await writeFile(twinMeta, (await readFile(twinMeta, 'utf8')).replaceAll(ids.healthy!, twin));
  return { root, ids, good, temp, lock, twin };
}

const doctorJson = async (root: string, ...args: string[]) => {
  const result = await mlruns(['--root', root, '--format', 'json', 'doctor', ...args]);
  return { code: result.code, report: JSON.parse(result.stdout) as DoctorJson };
};

describe('mlruns doctor', () => {
  it('lists every problem of a damaged store with its path', async () => {
    const s = await damagedStore();
    const { code, report } = await doctorJson(s.root);
    expect(code).toBe(1);
    const at = (problemCode: string) => report.problems.filter((p) => p.code === problemCode).map((p) => p.path).sort();
    const h = s.ids.healthy!;
    expect(at('STRAY_FOLDER')).toEqual(['.git', '.ipynb_checkpoints', `${h}/${s.ids.no_meta}`]);
    expect(at('META_EMPTY')).toEqual([`${s.ids.empty_meta_exp}/meta.yaml`, `${h}/${s.ids.empty_meta}/meta.yaml`]);
    expect(at('META_MISSING')).toEqual([s.ids.missing_meta_exp]);
    expect(at('ID_MISMATCH')).toEqual([`${s.ids.mismatched_exp}/meta.yaml`]);
    expect(at('JUNK_FILE')).toEqual([`${h}/${s.ids.ds_store}/tags/.DS_Store`]);
    expect(at('MALFORMED_METRIC')).toEqual([`${h}/${s.ids.good}/metrics/loss`]);
    expect(at('CRLF_VALUE')).toEqual([`${h}/${s.ids.good}/tags/note`]);
    expect(at('MISSING_FOLDER')).toEqual([`${h}/${s.ids.ds_store}/params`]);
    expect(at('TEMP_FILE')).toEqual([`${h}/${s.ids.good}/.mlruns-tmp-meta.yaml-abc123`]);
    expect(at('STALE_LOCK')).toEqual([`${h}/${s.ids.good}/.mlruns-lock`]);
    expect(at('DUPLICATE_EXPERIMENT_NAME')).toEqual([s.twin]);
    expect(at('STALE_ARTIFACT_LOCATION')).toContain(`${h}/${s.ids.good}/meta.yaml`);
    const metric = report.problems.find((p) => p.code === 'MALFORMED_METRIC')!;
    expect(metric.message).toContain(`line 2 of metric 'loss'`);
    expect(report.problems.find((p) => p.code === 'DUPLICATE_EXPERIMENT_NAME')!.message).toContain(`experiments ${s.twin}, ${h} are all named 'healthy'`);
  });

  it('repairs what is safe with --fix and leaves the rest listed', async () => {
    const s = await damagedStore();
    const { code, report } = await doctorJson(s.root, '--fix');
    expect(code).toBe(1);
    expect(new Set(report.fixed.map((p) => p.code))).toEqual(new Set(['JUNK_FILE', 'MISSING_FOLDER', 'TEMP_FILE', 'STALE_LOCK', 'STALE_ARTIFACT_LOCATION']));
    expect(existsSync(join(s.root, s.ids.healthy!, s.ids.ds_store!, 'params'))).toBe(true);
    expect(existsSync(join(s.root, s.ids.healthy!, s.ids.ds_store!, 'tags', '.DS_Store'))).toBe(false);
    expect(existsSync(s.temp)).toBe(false);
    expect(existsSync(s.lock)).toBe(false);
    const meta = await readFile(join(s.good, 'meta.yaml'), 'utf8');
    expect(meta).toContain(`artifact_uri: ${pathToFileURL(join(s.good, 'artifacts')).href}\n`);
    const after = (await doctorJson(s.root)).report;
    expect(after.problems.map((p) => p.code).sort()).toEqual(report.problems.filter((p) => p.fix === null).map((p) => p.code).sort());
  });

  it('prints what --fix will change before changing it', async () => {
    const root = await copyFixture('mlflow-3');
    const { ids } = fixtureInfo('mlflow-3');
    const result = await mlruns(['--root', root, 'doctor', '--fix']);
    const lines = result.stdout.split('\n');
    const plan = lines.findIndex((line) => line.startsWith('Fixing '));
    expect(plan).toBeGreaterThan(0);
    expect(lines.slice(plan)).toContain(`  ${ids.sweep}/meta.yaml: set artifact_location to ${pathToFileURL(join(root, ids.sweep!)).href}`);
    expect(lines.at(-2)).toMatch(/^Fixed \d+ problem\(s\)\.$/);
  });

  it('lets a moved store’s new runs write artifacts under the new root after --fix', async () => {
    const root = await copyFixture('mlflow-3');
    const { ids } = fixtureInfo('mlflow-3');
    await doctorJson(root, '--fix');
    const experiment = await new MlflowClient(root).getExperiment(ids.sweep!);
    expect(experiment.artifactLocation).toBe(pathToFileURL(join(root, ids.sweep!)).href);
  });

  it('finds no problem in a store written by this library, and exits 0', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const { info } = await client.createRun(await client.createExperiment('clean'));
    await client.logMetric(info.runId, 'loss', 0.1);
    const result = await mlruns(['--root', root, 'doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Checked 2 experiment(s) and 1 run folder(s)');
    expect(result.stdout).toContain('No problems found.');
  });

  it('says so when there is no store at the root', async () => {
    const result = await mlruns(['--root', await freshStorePath(), 'doctor']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: There is no mlruns store at '.*'\. Give the folder that holds the experiment folders \(usually \.\/mlruns\)\.\n$/);
  });
});
