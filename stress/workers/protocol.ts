import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { MlflowClient, setTrackingUri } from '../../src/index.js';
import { seeded, type Random } from '../../test/helpers/random.js';

/**
 * The worker side of the harness protocol: JSON arguments in argv[2], one message per line on
 * stdout, commands from the parent as lines on stdin.
 */

export function workerArgs<T>(): T {
  const text = process.argv[2];
  if (text === undefined) throw new Error('a worker takes its arguments as one JSON argument');
  return JSON.parse(text) as T;
}

/** A worker's arguments, its seeded generator, and a client (and the fluent API) on its store. */
export function startWorker<T extends { readonly root: string; readonly seed: number }>(): { args: T; random: Random; client: MlflowClient } {
  const args = workerArgs<T>();
  setTrackingUri(args.root);
  return { args, random: seeded(args.seed), client: new MlflowClient(args.root) };
}

/**
 * Writes one line to stdout synchronously, so an acknowledgement is in the pipe before the
 * worker starts its next write (a SIGKILL can then only lose what comes after it).
 */
export function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) written += writeSync(1, bytes, written);
}

const stdinLines: string[] = [];
const stdinWaiters: Array<(line: string) => void> = [];
createInterface({ input: process.stdin }).on('line', (line) => {
  const waiter = stdinWaiters.shift();
  if (waiter === undefined) stdinLines.push(line);
  else waiter(line);
});

/** The next line the parent sends. */
export function nextCommand(): Promise<string> {
  const line = stdinLines.shift();
  if (line !== undefined) return Promise.resolve(line);
  return new Promise((resolve) => stdinWaiters.push(resolve));
}

/** True when the parent has sent `line` (without waiting). */
export function commandArrived(line: string): boolean {
  const index = stdinLines.indexOf(line);
  if (index === -1) return false;
  stdinLines.splice(index, 1);
  return true;
}
