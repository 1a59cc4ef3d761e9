import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from './tmp.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const INDEX = pathToFileURL(join(REPO, 'src', 'index.ts')).href;

export interface ScriptResult {
  code: number | null;
  /** The signal that ended the child, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript module in a child `node --import tsx` process. `body` may use `mlruns` (the
 * library's exports) and `storeRoot`; the child exits however the body makes it.
 */
export async function runScript(body: string, storeRoot: string): Promise<ScriptResult> {
  const file = join(await tempDir('mlruns-script-'), 'script.mts');
  await writeFile(file, `import * as mlruns from ${JSON.stringify(INDEX)};\nconst storeRoot = ${JSON.stringify(storeRoot)};\n${body}\n`);
  return new Promise((resolve) => {
    // A child that hangs is killed after a minute, so that it cannot outlive the test run.
    execFile(process.execPath, ['--import', 'tsx', file], { cwd: REPO, env: { ...process.env, MLFLOW_TRACKING_URI: '' }, timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}
