/**
 * Runs the `mlruns` command as a real subprocess, from the TypeScript sources through tsx, so
 * the tests need no build (CI runs them straight after `npm ci`).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './mlflow.js';

/** tsx's loader as a file URL, so the command can run from any working directory. */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Called with the child once it has started (to send it a signal). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

/** `mlruns <args>` with stdin closed and no terminal, so never colors, progress bars or questions. */
export function mlruns(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, MLFLOW_TRACKING_URI: '', NO_COLOR: '', MLFLOW_RUN_ID: '', ...options.env };
    const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    options.onSpawn?.(child);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** `mlruns --root <root> --format json <args>`, parsed; fails the test with stderr when the command fails. */
export async function mlrunsJson<T = unknown>(root: string, args: readonly string[]): Promise<T> {
  const result = await mlruns(['--root', root, '--format', 'json', ...args]);
  if (result.code !== 0) throw new Error(`mlruns ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
