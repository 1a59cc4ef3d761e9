import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, for running workers with the repository's tsx. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The worker scripts of the harness, each run as `node --import tsx stress/workers/<name>.ts`. */
export type WorkerName = 'writer' | 'reader' | 'crasher';

/**
 * A worker process speaking the harness protocol: one line per message on stdout, read here as
 * whole lines only (a line cut by SIGKILL never counts), and lines sent to its stdin. Every
 * worker is bounded: `deadlineMs` kills it if it has not exited by then.
 */
export class Worker {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly process: ChildProcess;
  private partial = '';
  private stderrText = '';
  private waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  private readonly deadline: NodeJS.Timeout;

  constructor(name: WorkerName, args: unknown, deadlineMs: number) {
    this.process = spawn(process.execPath, ['--import', 'tsx', `stress/workers/${name}.ts`, JSON.stringify(args)], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, MLFLOW_TRACKING_URI: '', MLFLOW_RUN_ID: '', MLFLOW_EXPERIMENT_NAME: '', MLFLOW_EXPERIMENT_ID: '' },
    });
    this.process.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.take(chunk));
    this.process.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText = (this.stderrText + chunk).slice(-4000);
    });
    this.process.stdin!.on('error', () => undefined);
    this.deadline = setTimeout(() => this.kill(), deadlineMs);
    this.exited = new Promise((resolve) => {
      this.process.on('close', (code, signal) => {
        clearTimeout(this.deadline);
        for (const waiter of this.waiters) waiter.resolve('');
        this.waiters = [];
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The last 4000 characters the worker wrote to stderr. */
  get stderr(): string {
    return this.stderrText;
  }

  private take(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(line)) return true;
        waiter.resolve(line);
        return false;
      });
    }
  }

  /** The first line (already received or still to come) that passes `test`; '' if the worker exits first. */
  waitFor(test: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve('');
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  send(line: string): void {
    this.process.stdin!.write(`${line}\n`);
  }

  /** SIGKILL: the worker gets no chance to write anything more. */
  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

/**
 * Runs a worker to its end and returns its lines; rejects with its stderr when it exits with a
 * non-zero code.
 */
export async function runWorker(name: WorkerName, args: unknown, deadlineMs: number): Promise<string[]> {
  const worker = new Worker(name, args, deadlineMs);
  const { code, signal } = await worker.exited;
  if (code !== 0) throw new Error(`worker ${name} ended with ${signal ?? `code ${code}`}:\n${worker.stderr}`);
  return worker.lines;
}
