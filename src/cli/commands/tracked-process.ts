import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';

/** How a child process ended. */
export interface ProcessOutcome {
  /** Its exit code, or null when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, or that this process received and forwarded to it. */
  readonly signal: NodeJS.Signals | null;
  /** Why it could not be started (ENOENT, EACCES), if so. */
  readonly spawnError?: Error;
  /** The files holding everything it wrote to stdout and stderr. */
  readonly logs: { readonly stdout: string; readonly stderr: string };
  /** Removes the log files. */
  readonly cleanup: () => Promise<void>;
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** Copies a child's stream to our own stream (live) and to a file. */
function tee(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, file: WriteStream): void {
  from.on('data', (chunk: Buffer) => {
    to.write(chunk);
    file.write(chunk);
  });
  from.on('end', () => file.end());
}

/**
 * Runs a command with stdin inherited and stdout/stderr shown live and saved to files, and
 * forwards the signals this process gets (Ctrl-C, kill) to it.
 */
export async function runTracked(command: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'mlruns-run-'));
  const logs = { stdout: join(dir, 'stdout.log'), stderr: join(dir, 'stderr.log') };
  const files = { stdout: createWriteStream(logs.stdout), stderr: createWriteStream(logs.stderr) };
  const cleanup = () => rm(dir, { recursive: true, force: true });
  let received: NodeJS.Signals | null = null;
  const child = spawn(command[0] ?? '', command.slice(1), { stdio: ['inherit', 'pipe', 'pipe'], env });
  const forward = (signal: NodeJS.Signals) => {
    received = signal;
    child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  tee(child.stdout, process.stdout, files.stdout);
  tee(child.stderr, process.stderr, files.stderr);
  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  for (const signal of FORWARDED) process.off(signal, forward);
  if (outcome.spawnError !== undefined) {
    files.stdout.end();
    files.stderr.end(`${outcome.spawnError.message}\n`);
  }
  await Promise.all([finished(files.stdout), finished(files.stderr)]);
  return { ...outcome, signal: outcome.signal ?? received, logs, cleanup };
}
