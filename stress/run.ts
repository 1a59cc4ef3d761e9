/**
 * `npm run stress`: the reliability harness at full size (test/reliability runs it small).
 *
 *   npm run stress                                  every scenario, a random seed (printed)
 *   npm run stress -- --only crash --seed 7 --chains 50
 *   npm run stress -- --help
 *
 * Prints each scenario's figures and problems, then a table of figures with the command that
 * reproduces each; exits with code 1 when any scenario found a problem.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SCENARIOS, type Figure, type Knobs } from './scenarios/index.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seed: { type: 'string' },
    writers: { type: 'string', default: '8' },
    readers: { type: 'string', default: '2' },
    points: { type: 'string', default: '5000' },
    chains: { type: 'string', default: '30' },
    kills: { type: 'string', default: '10' },
    parallel: { type: 'string', default: '2' },
    'max-delay': { type: 'string', default: '300' },
    hostile: { type: 'string', default: '300' },
    fuzz: { type: 'string', default: '300000' },
    'fuzz-limit': { type: 'string', default: '100' },
    damaged: { type: 'string', default: 'all' },
    python: { type: 'boolean', default: true },
    'no-python': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run stress -- [options]
  --only a,b        scenarios to run: ${Object.keys(SCENARIOS).join(', ')} (default: all)
  --seed N          seed of every random choice (default: random, printed)
  --writers N --readers N --points N      writers: processes writing at once, searching, points per writer
  --chains N --kills N --parallel N --max-delay MS   crash: chains of kills, kills per chain, chains at a time, latest kill
  --hostile N       random hostile strings on top of the fixed list
  --fuzz N --fuzz-limit MS                filter strings to fuzz, the longest a parse may take
  --damaged N|all   damaged copies read per fixture
  --no-python       skip the checks that Python MLflow reads the stores
  --keep            keep the temporary stores (their folder is printed)`);
  process.exit(0);
}

const number = (name: keyof typeof values): number => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number, not '${String(values[name])}'`);
  return value;
};
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : number('seed');
const knobs: Knobs = {
  seed,
  writers: number('writers'),
  readers: number('readers'),
  points: number('points'),
  chains: number('chains'),
  kills: number('kills'),
  parallel: number('parallel'),
  maxDelayMs: number('max-delay'),
  hostile: number('hostile'),
  fuzz: number('fuzz'),
  fuzzLimitMs: number('fuzz-limit'),
  damaged: values.damaged === 'all' ? 'all' : number('damaged'),
  python: values.python && !values['no-python'],
  log: (line) => console.log(`  ${line}`),
};
const chosen = values.only === undefined ? Object.keys(SCENARIOS) : values.only.split(',').map((s) => s.trim());
for (const name of chosen) if (!(name in SCENARIOS)) throw new Error(`unknown scenario '${name}'; there are ${Object.keys(SCENARIOS).join(', ')}`);

const dir = await mkdtemp(join(tmpdir(), 'mlruns-stress-'));
console.log(`seed ${seed}; stores under ${dir}${values.keep ? ' (kept)' : ''}`);
const figures: Figure[] = [];
let failed = false;
for (const name of chosen) {
  const started = Date.now();
  console.log(`\n== ${name}`);
  const outcome = await SCENARIOS[name]!(knobs, join(dir, name));
  for (const problem of outcome.problems.slice(0, 50)) console.log(`  PROBLEM ${problem}`);
  if (outcome.problems.length > 50) console.log(`  ... and ${outcome.problems.length - 50} more problems`);
  failed ||= outcome.problems.length > 0;
  for (const figure of outcome.figures) console.log(`  ${figure.label}: ${figure.value}`);
  console.log(`  ${outcome.problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  figures.push(...outcome.figures);
}
console.log('\n| figure | value | reproduce with |\n| --- | --- | --- |');
for (const figure of figures) console.log(`| ${figure.label} | ${figure.value} | \`${figure.command}\` |`);
if (!values.keep) await rm(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
