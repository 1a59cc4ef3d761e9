import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import '../../src/testing/vitest.js';
import { findRuns } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

const run = promisify(execFile);
const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

describe('the demo sweep', () => {
  it('tracks one parent run and a FINISHED child run per learning rate, with a loss per epoch', { timeout: 120_000 }, async () => {
    const store = await freshStorePath();
    const { stdout } = await run(tsx, ['examples/sweep.ts'], { env: { ...process.env, MLFLOW_TRACKING_URI: store } });
    expect(stdout).toContain('Best child runs (by test accuracy, then test loss):');

    const [parent] = await findRuns(store, { experimentName: 'logistic-regression-sweep', filter: "tags.kind = 'sweep'" });
    expect(parent).toHaveStatus('FINISHED');
    expect(parent).toHaveMetric('best_test_accuracy', expect.closeTo(0.8, 0));

    const children = await findRuns(store, {
      experimentName: 'logistic-regression-sweep',
      filter: `tags.mlflow.parentRunId = '${parent?.info.runId}'`,
      orderBy: ['metrics.test_accuracy DESC'],
    });
    expect(children.map((c) => c.data.params.learning_rate).sort()).toEqual(['0.003', '0.01', '0.03', '0.1', '0.3', '1']);
    for (const child of children) {
      expect(child).toHaveStatus('FINISHED');
      expect(child).toHaveMetric('train_loss', expect.any(Number));
      expect(child.data.latestMetrics.train_loss?.step).toBe(59);
    }
    const best = children[0];
    expect(best).toHaveMetric('test_accuracy', parent?.data.metrics.best_test_accuracy);
    expect(stdout).toContain(best?.info.runId);
  });
});
