import type { Run, RunStatus } from '../entities/index.js';

/** What vitest's and jest's `expect.extend` hand a matcher as `this`. */
interface MatcherContext {
  readonly isNot: boolean;
  equals(actual: unknown, expected: unknown): boolean;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function describeRun(run: Run): string {
  return `run '${run.info.runName}' (${run.info.runId})`;
}

function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value !== null && typeof value === 'object' && 'asymmetricMatch' in value) {
    const asymmetric = value as { toString(): string; toAsymmetricMatcher?: () => string };
    return asymmetric.toAsymmetricMatcher?.() ?? asymmetric.toString();
  }
  return JSON.stringify(value);
}

function isRun(value: unknown): value is Run {
  const candidate = value as Run | undefined;
  return typeof candidate?.info?.runId === 'string' && typeof candidate.data?.metrics === 'object';
}

function notARun(received: unknown, matcher: string): MatcherResult {
  return { pass: false, message: () => `${matcher} expects a Run (from getRun, searchRuns or findRuns); got ${show(received)}` };
}

function entryMatcher(kind: 'metric' | 'param' | 'tag', pick: (run: Run) => Readonly<Record<string, unknown>>) {
  const name = `toHave${kind[0]?.toUpperCase()}${kind.slice(1)}`;
  return function (this: MatcherContext, received: unknown, key: string, ...expected: unknown[]): MatcherResult {
    if (!isRun(received)) return notARun(received, name);
    const values = pick(received);
    const present = Object.hasOwn(values, key);
    const actual = values[key];
    const checkValue = expected.length > 0;
    // NaN is a real metric value: a NaN expectation matches a NaN metric.
    const valueMatches = !checkValue || (Number.isNaN(expected[0]) && Number.isNaN(actual)) || this.equals(actual, expected[0]);
    const pass = present && valueMatches;
    const wanted = checkValue ? ` equal to ${show(expected[0])}` : '';
    const all = Object.entries(values).map(([k, v]) => `${k}=${show(v)}`).join(', ') || 'none';
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected ${describeRun(received)} not to have ${kind} '${key}'${wanted}, but it has ${show(actual)}`
          : present
            ? `expected ${describeRun(received)} to have ${kind} '${key}'${wanted}, but it is ${show(actual)}. Its ${kind}s: ${all}`
            : `expected ${describeRun(received)} to have ${kind} '${key}'${wanted}, but it has no such ${kind}. Its ${kind}s: ${all}`,
    };
  };
}

/**
 * `expect` matchers for runs, for vitest and jest: register them with
 * `expect.extend(mlrunsMatchers)` (or import `mlruns/vitest`, which does it and adds types).
 * The value may be a plain value or an asymmetric matcher such as `expect.closeTo(0.9, 2)`.
 *
 * @example
 * expect(run).toHaveMetric('accuracy', expect.closeTo(0.93, 2));
 * expect(run).toHaveParam('model', 'random-forest');
 * expect(run).toHaveTag('mlflow.parentRunId');
 * expect(run).toHaveStatus('FINISHED');
 */
export const mlrunsMatchers = {
  toHaveMetric: entryMatcher('metric', (run) => run.data.metrics),
  toHaveParam: entryMatcher('param', (run) => run.data.params),
  toHaveTag: entryMatcher('tag', (run) => run.data.tags),
  toHaveStatus(this: MatcherContext, received: unknown, status: RunStatus): MatcherResult {
    if (!isRun(received)) return notARun(received, 'toHaveStatus');
    const pass = received.info.status === status;
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected ${describeRun(received)} not to have status ${status}`
          : `expected ${describeRun(received)} to have status ${status}, but it is ${received.info.status}`,
    };
  },
};

/** The matchers' signatures, for declaring them on a test framework's assertion type. */
export interface RunMatchers<R = unknown> {
  toHaveMetric(key: string, value?: unknown): R;
  toHaveParam(key: string, value?: unknown): R;
  toHaveTag(key: string, value?: unknown): R;
  toHaveStatus(status: RunStatus): R;
}
