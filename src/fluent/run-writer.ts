import type { MlflowClient } from '../client/mlflow-client.js';
import { InternalError, MlflowError } from '../errors/index.js';
import { toBatches, type DataOp, type WriteOp } from './batches.js';

/**
 * The write queue of one run. Logging calls push validated writes and return at once; the
 * queue drains on a later turn of the event loop, so a synchronous training loop's points
 * coalesce into logBatch calls (one append per metric file per batch). Writes reach the
 * store in the order they were queued. A failed write is kept and thrown by the next
 * flush(), never dropped.
 */
export class RunWriter {
  readonly client: MlflowClient;
  readonly runId: string;
  private queue: WriteOp[] = [];
  private draining: Promise<void> | undefined;
  private readonly failures: MlflowError[] = [];
  /** Set when the process is ending on a signal: later writes are dropped, so flush() ends. */
  private closed = false;

  constructor(client: MlflowClient, runId: string) {
    this.client = client;
    this.runId = runId;
  }

  /** Writes queued and not yet handed to the store, plus whether a drain is under way. */
  get idle(): boolean {
    return this.queue.length === 0 && this.draining === undefined;
  }

  /** True when a write failed and no flush() has reported it yet. */
  get hasUnreportedErrors(): boolean {
    return this.failures.length > 0;
  }

  /** Queues a write (dropped once the writer is closed; a task's promise then never settles). */
  push(op: WriteOp): void {
    if (this.closed) return;
    this.queue.push(op);
    this.draining ??= this.drain();
  }

  /** Queues a task and resolves when it is done; its own failure rejects here instead of going to flush(). */
  pushAndWait(run: (client: MlflowClient, runId: string) => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.push({ kind: 'task', run, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  }

  /**
   * Takes no more writes, for a process that is ending on a signal: what is queued is still
   * written, and a flush() after this ends even while the program goes on logging.
   */
  close(): void {
    this.closed = true;
  }

  /** Waits until every queued write is on disk, then throws the failures not reported yet. */
  async flush(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
    this.report();
  }

  /** Throws the failures not reported yet (one error, or one naming how many failed). */
  report(): void {
    const errors = this.failures.splice(0);
    if (errors.length > 0) throw combineErrors(errors, `queued writes to run '${this.runId}'`);
  }

  private async drain(): Promise<void> {
    // Let the caller's synchronous code finish queueing first, so its points share batches.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const ops = this.queue;
        this.queue = [];
        await this.write(ops);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async write(ops: readonly WriteOp[]): Promise<void> {
    let segment: DataOp[] = [];
    for (const op of ops) {
      if (op.kind !== 'task') {
        segment.push(op);
        continue;
      }
      await this.writeData(segment);
      segment = [];
      try {
        await op.run(this.client, this.runId);
        op.settle?.();
      } catch (error) {
        if (op.settle === undefined) this.failures.push(asMlflowError(error));
        else op.settle(asMlflowError(error));
      }
    }
    await this.writeData(segment);
  }

  private async writeData(ops: readonly DataOp[]): Promise<void> {
    if (ops.length === 0) return;
    const { params, entries } = toBatches(ops);
    for (const group of params) {
      // A conflicting param fails alone: the rest of its group is written one by one.
      const alone = group.length === 1;
      if ((await this.attempt(() => this.client.logBatch(this.runId, { params: group }), !alone)) || alone) continue;
      for (const param of group) await this.attempt(() => this.client.logBatch(this.runId, { params: [param] }), false);
    }
    for (const { metrics, tags } of entries) await this.attempt(() => this.client.logBatch(this.runId, { metrics, tags }), false);
  }

  /** Runs one store call; records its failure unless `retryFollows`. True when it succeeded. */
  private async attempt(call: () => Promise<void>, retryFollows: boolean): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (!retryFollows) this.failures.push(asMlflowError(error));
      return false;
    }
  }
}

/** One error for several: the only one, or one that names how many failed and holds them all in `cause`. */
export function combineErrors(errors: readonly unknown[], what: string): MlflowError {
  const all = errors.map(asMlflowError);
  const first = all[0] ?? new InternalError(`No ${what} failed.`);
  if (all.length === 1) return first;
  return new MlflowError(`${all.length} ${what} failed; the first: ${first.message} (all of them are in this error's cause).`, first.errorCode, {
    cause: new AggregateError(all),
  });
}

function asMlflowError(error: unknown): MlflowError {
  if (error instanceof MlflowError) return error;
  return new InternalError(`A queued write failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
