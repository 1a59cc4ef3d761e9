import { pick, randomExperimentQuery, randomOrderBy, randomRunFilter, type Random } from '../../test/compat/search-cases.js';

/**
 * Filter and order_by strings for the fuzzer: drawn from the differential search test's
 * grammar (mostly valid), then mutated character by character, spliced, repeated and nested,
 * plus a few inputs built to be slow for a naive parser or matcher.
 */

/** Characters that mean something to the lexer, to quoting or to Python literals. */
const ALPHABET = [..."'\"`()[],.%_= <>!-+*/\\\n\t\r\0", 'AND', 'and', 'OR', 'IN', 'NOT', 'LIKE', 'ILIKE', 'IS', 'NULL', 'DESC', 'ASC', '$$', '$tag$', '--', '/*', '*/', '1e309', '0x1F', '\\u0041', '\\x', 'é', 'ß', 'İ', 'ﬃ', '😀', '\u202e', '\ud800'];

const RUN_IDS = ['0123456789abcdef0123456789abcdef', 'run-1'];

/** One generated (not yet mutated) filter or order_by string. */
export function generated(random: Random): string {
  const roll = random();
  if (roll < 0.5) return randomRunFilter(random, RUN_IDS);
  if (roll < 0.8) return randomExperimentQuery(random).filter;
  return (randomOrderBy(random) ?? ['start_time'])[0]!;
}

/** Applies 1 to 4 random edits: insert, delete, replace, duplicate a slice, or splice in another input. */
export function mutated(random: Random, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * (out.length + 1));
    const to = Math.min(out.length, at + Math.floor(random() * 8));
    const roll = random();
    if (roll < 0.35) out = out.slice(0, at) + pick(random, ALPHABET) + out.slice(at);
    else if (roll < 0.55) out = out.slice(0, at) + out.slice(to);
    else if (roll < 0.75) out = out.slice(0, at) + pick(random, ALPHABET) + out.slice(to);
    else if (roll < 0.9) out = out.slice(0, to) + out.slice(at, to) + out.slice(to);
    else out = out.slice(0, at) + generated(random) + out.slice(at);
  }
  return out;
}

/** Inputs built to be slow for a naive implementation: deep nesting, long runs, many clauses, LIKE patterns that backtrack. */
export function pathological(random: Random): string {
  const n = 100 + Math.floor(random() * 12_000);
  const clause = "metrics.acc > 0.5";
  return pick(random, [
    `${'('.repeat(n)}${clause}${')'.repeat(n)}`,
    `${'('.repeat(n)}${clause}`,
    Array.from({ length: Math.ceil(n / 10) }, () => clause).join(' AND '),
    `tags.t LIKE '${'%a'.repeat(n / 4)}%b'`,
    `tags.t ILIKE '${'_%'.repeat(n / 4)}'`,
    `params.p = '${"\\'".repeat(n)}'`,
    `params.p IN (${Array.from({ length: n / 4 }, (_, i) => `'v${i}'`).join(', ')})`,
    `attributes.run_id IN (${"'a', ".repeat(n / 4)}`,
    `tags.\`${'`'.repeat(n)}\` = 'x'`,
    `metrics.${'a.'.repeat(n / 2)}b > 1`,
    `metrics.acc > ${'9'.repeat(n)}`,
    `metrics.acc > 0.${'0'.repeat(n)}1`,
    ' '.repeat(n * 10),
    `${"'".repeat(n)}`,
    `${'$'.repeat(n)}`,
    `metrics.acc ${'DESC '.repeat(n / 5)}`,
  ]);
}

/** One fuzz input: a quarter generated, most mutated, a few pathological. */
export function fuzzInput(random: Random): string {
  const roll = random();
  if (roll < 0.25) return generated(random);
  if (roll < 0.98) return mutated(random, generated(random));
  return pathological(random);
}
