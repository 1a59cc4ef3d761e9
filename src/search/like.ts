/**
 * SQL LIKE / ILIKE as MLflow evaluates them: the pattern becomes a Python regular expression
 * (`%` → `.*`, `_` → `.`, everything else literal, no escape character) applied with
 * `re.match`, anchored at the end with `$` unless the pattern ends with `%`. Python's regex
 * semantics carry over: `%` and `_` do not match `\n`, `$` also matches just before a final
 * `\n`, and ILIKE folds case per Python's `re.IGNORECASE`.
 *
 * Rather than build a regular expression from user input, the pattern is run as a small
 * automaton over code points: time O(value × pattern), memory O(pattern), whatever the input.
 */
import { caseInsensitiveMatcher } from './casefold.js';

const NEWLINE = 0x0a;
const PERCENT = 0x25;
const UNDERSCORE = 0x5f;

type Step = { readonly kind: 'many' } | { readonly kind: 'one' } | { readonly kind: 'char'; readonly test: (c: number) => boolean };

/** A compiled LIKE or ILIKE pattern; compile once, test many values. */
export interface LikePattern {
  test(value: string): boolean;
}

export function compileLike(pattern: string, caseInsensitive: boolean): LikePattern {
  const steps: Step[] = Array.from(pattern, (ch): Step => {
    const cp = ch.codePointAt(0)!;
    if (cp === PERCENT) return { kind: 'many' };
    if (cp === UNDERSCORE) return { kind: 'one' };
    return { kind: 'char', test: caseInsensitive ? caseInsensitiveMatcher(cp) : (c) => c === cp };
  });
  const openEnded = pattern.endsWith('%');
  return { test: (value) => run(steps, openEnded, value) };
}

/** Adds the states reachable without consuming a character (a `%` may match nothing). */
function close(steps: readonly Step[], states: Uint8Array): void {
  for (let i = 0; i < steps.length; i++) if (states[i] && steps[i]!.kind === 'many') states[i + 1] = 1;
}

function run(steps: readonly Step[], openEnded: boolean, value: string): boolean {
  const accept = steps.length;
  let states = new Uint8Array(accept + 1);
  let next = new Uint8Array(accept + 1);
  states[0] = 1;
  close(steps, states);
  const chars = Array.from(value, (ch) => ch.codePointAt(0)!);
  for (let pos = 0; pos < chars.length; pos++) {
    // re.match needs no full match when the pattern ends with `.*`; `$` matches before a final \n.
    if (states[accept] && (openEnded || (pos === chars.length - 1 && chars[pos] === NEWLINE))) return true;
    next.fill(0);
    let alive = false;
    const c = chars[pos]!;
    for (let i = 0; i < accept; i++) {
      if (!states[i]) continue;
      const step = steps[i]!;
      if (step.kind === 'many' && c !== NEWLINE) next[i] = 1;
      else if ((step.kind === 'one' && c !== NEWLINE) || (step.kind === 'char' && step.test(c))) next[i + 1] = 1;
      else continue;
      alive = true;
    }
    if (!alive) return false;
    close(steps, next);
    [states, next] = [next, states];
  }
  return states[accept] === 1;
}

/** One-off LIKE test. @example like('gamma ray', 'gam%') // true */
export function like(value: string, pattern: string): boolean {
  return compileLike(pattern, false).test(value);
}

/** One-off ILIKE test. @example ilike('Gamma', 'GAM%') // true */
export function ilike(value: string, pattern: string): boolean {
  return compileLike(pattern, true).test(value);
}
