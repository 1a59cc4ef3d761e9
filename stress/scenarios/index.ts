/**
 * The scenarios of `npm run stress`, each turned into figures (with the command that
 * reproduces them) and problems.
 */
import { pythonReadProblems } from '../lib/python-check.js';
import { runCrashes } from './crash.js';
import { runDamaged } from './damaged.js';
import { runFuzz } from './fuzz.js';
import { runHostile } from './hostile.js';
import { runWriters } from './writers.js';

export interface Knobs {
  readonly seed: number;
  readonly writers: number;
  readonly readers: number;
  readonly points: number;
  readonly chains: number;
  readonly kills: number;
  readonly parallel: number;
  readonly maxDelayMs: number;
  readonly hostile: number;
  readonly fuzz: number;
  readonly fuzzLimitMs: number;
  readonly damaged: number | 'all';
  readonly python: boolean;
  readonly log: (line: string) => void;
}

export interface Figure {
  readonly label: string;
  readonly value: string;
  readonly command: string;
}

export interface Outcome {
  readonly figures: Figure[];
  readonly problems: string[];
}

const n = (value: number): string => value.toLocaleString('en-US');
/** How many of the problems contain `text`. */
const count = (problems: readonly string[], text: string): number => problems.filter((p) => p.includes(text)).length;
const stress = (args: string): string => `npm run stress -- ${args}`;

async function writers(k: Knobs, dir: string): Promise<Outcome> {
  const r = await runWriters({ writers: k.writers, readers: k.readers, points: k.points, seed: k.seed, deadlineMs: 600_000 }, dir);
  const python = k.python ? await pythonReadProblems(r.root) : [];
  const command = stress(`--only writers --seed ${k.seed} --writers ${k.writers} --readers ${k.readers} --points ${k.points}`);
  return {
    problems: [...r.problems, ...python],
    figures: [
      { label: 'writers × points: metric lines lost', value: `${k.writers} × ${n(k.points)}: ${n(r.lines.acknowledged)} acknowledged, ${r.lines.lost} lost, ${r.lines.duplicated} duplicated, ${r.lines.unexpected} unexpected`, command },
      { label: 'same experiment and model created by racing writers', value: `${r.experimentsNamed} experiment (${r.experimentsCreated} creator), ${r.modelsNamed} model (${r.modelsCreated} creator), ${r.paramWinners} param winner`, command },
      { label: 'searches by readers during the writes', value: `${n(r.readerSearches)} searches, ${n(r.readerMetas)} meta.yaml reads, ${count(r.problems, 'a reader saw')} errors, warnings or half-written files`, command },
      ...(k.python ? [{ label: 'Python MLflow 3 reads the written store', value: python.length === 0 ? 'yes, the same runs and line counts' : 'NO (see problems)', command }] : []),
    ],
  };
}

async function crash(k: Knobs, dir: string): Promise<Outcome> {
  const r = await runCrashes({ chains: k.chains, killsPerChain: k.kills, parallel: k.parallel, seed: k.seed, maxDelayMs: k.maxDelayMs, log: k.log }, dir);
  const python: string[] = [];
  if (k.python) for (const root of r.roots) python.push(...(await pythonReadProblems(root)).map((p) => `${root}: ${p}`));
  const command = stress(`--only crash --seed ${k.seed} --chains ${k.chains} --kills ${k.kills} --max-delay ${k.maxDelayMs}`);
  const interrupted = Object.entries(r.interrupted).sort((a, b) => b[1] - a[1]).map(([op, count]) => `${op} ${count}`).join(', ');
  return {
    problems: [...r.problems, ...python],
    figures: [
      { label: 'SIGKILLs survived', value: `${r.survived} of ${r.kills} (${k.chains} chains of ${k.kills})`, command },
      { label: 'operations acknowledged before the kills, all found', value: `${n(r.acknowledged)} operations, ${n(r.lines.acknowledged)} metric lines, ${r.lines.lost} lost, ${r.lines.duplicated} duplicated`, command },
      { label: 'operations interrupted by the kills', value: `${interrupted}; ${r.retried} interrupted deletes/restores completed by doing them again`, command },
      { label: 'leftovers of kills (ignored by readers)', value: `${r.tempFiles} temporary files, ${r.locks} lock folders (taken over when stale)`, command },
      ...(k.python ? [{ label: 'Python MLflow 3 reads every crashed store', value: python.length === 0 ? `yes, ${r.roots.length} of ${r.roots.length}` : 'NO (see problems)', command }] : []),
    ],
  };
}

async function hostile(k: Knobs, dir: string): Promise<Outcome> {
  const r = await runHostile({ seed: k.seed, randomInputs: k.hostile }, dir);
  const command = stress(`--only hostile --seed ${k.seed} --hostile ${k.hostile}`);
  return {
    problems: r.problems,
    figures: [
      { label: 'hostile names and paths', value: `${r.inputs} inputs, ${n(r.calls)} calls: ${n(r.rejected)} refused with an MlflowError, ${n(r.accepted)} accepted (${count(r.problems, 'reads back')} read back wrong), ${count(r.problems, 'not an MlflowError')} other exceptions, ${count(r.problems, 'wrote outside') - count(r.problems, ' through ')} writes outside the store`, command },
      { label: 'calls through planted symbolic links', value: `${r.linkCalls} calls, ${r.linkRefusals} refused, ${count(r.problems, ' through ')} writes outside the store`, command },
    ],
  };
}

async function fuzz(k: Knobs): Promise<Outcome> {
  const r = runFuzz({ inputs: k.fuzz, seed: k.seed, limitMs: k.fuzzLimitMs });
  const command = stress(`--only fuzz --seed ${k.seed} --fuzz ${k.fuzz}`);
  return {
    problems: r.problems,
    figures: [
      { label: 'filter and order_by strings fuzzed', value: `${n(r.inputs)} (${n(r.rejected)} rejected with an MlflowError, ${count(r.problems, ' threw ')} other exceptions, ${count(r.problems, ' took ')} over the limit)`, command },
      { label: 'slowest parse / search', value: `${r.slowestParseMs.toFixed(0)} ms / ${r.slowestSearchMs.toFixed(0)} ms (limits ${k.fuzzLimitMs} / ${k.fuzzLimitMs * 10} ms)`, command },
    ],
  };
}

async function damaged(k: Knobs, dir: string): Promise<Outcome> {
  const r = await runDamaged({ seed: k.seed, perFixture: k.damaged }, dir);
  const command = stress(`--only damaged --seed ${k.seed} --damaged ${k.damaged}`);
  const kinds = Object.entries(r.byKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  return {
    problems: r.problems,
    figures: [
      { label: 'damaged stores read', value: `${n(r.stores)} (${kinds}); listing or search failed on ${count(r.problems, 'reading the store threw')}`, command },
      { label: 'damage named by warnings and by doctor', value: `${r.vanished} copies lost an entity from the listing, ${count(r.problems, 'no warning names')} without a warning naming it; ${count(r.problems, 'doctor does not report')} warned paths missing from doctor's report`, command },
    ],
  };
}

export const SCENARIOS: Readonly<Record<string, (knobs: Knobs, dir: string) => Promise<Outcome>>> = { writers, crash, hostile, fuzz, damaged };
