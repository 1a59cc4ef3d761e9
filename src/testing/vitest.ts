/**
 * Registers the run matchers with vitest's `expect` and declares their types. Import it once,
 * in a test file or a vitest setup file:
 *
 * @example
 * import 'mlruns/vitest';
 * expect(run).toHaveMetric('accuracy', expect.closeTo(0.93, 2));
 */
import { expect } from 'vitest';
import { mlrunsMatchers, type RunMatchers } from './matchers.js';

expect.extend(mlrunsMatchers);

declare module 'vitest' {
  // The type parameter must be declared exactly as vitest declares it for the merge to work.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends RunMatchers<T> {}
}
