import { promises as fsp } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** System tag names MLflow sets on new runs (mlflow/utils/mlflow_tags.py). */
export const SYSTEM_TAGS = {
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  sourceName: 'mlflow.source.name',
  sourceType: 'mlflow.source.type',
  gitCommit: 'mlflow.source.git.commit',
  parentRunId: 'mlflow.parentRunId',
  note: 'mlflow.note.content',
} as const;

/** The user name MLflow records: the OS login, else $USER, else 'unknown'. */
export function currentUser(): string {
  try {
    return userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

/** The entry script, as Python MLflow records sys.argv[0]. */
export function sourceName(): string {
  return process.argv[1] ?? '';
}

/**
 * The commit checked out in the git repository holding `fromPath`, read from `.git` files
 * directly (HEAD, a loose ref or packed-refs), so no git binary is needed. Undefined outside
 * a checkout.
 */
export async function gitCommit(fromPath: string): Promise<string | undefined> {
  let dir = resolve(fromPath);
  for (;;) {
    const gitDir = await resolveGitDir(join(dir, '.git'));
    if (gitDir !== undefined) return readHead(gitDir);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function resolveGitDir(dotGit: string): Promise<string | undefined> {
  try {
    const stat = await fsp.stat(dotGit);
    if (stat.isDirectory()) return dotGit;
    // A worktree or submodule: `.git` is a file saying "gitdir: <path>".
    const pointer = /^gitdir:\s*(.+)$/m.exec(await fsp.readFile(dotGit, 'utf8'))?.[1]?.trim();
    return pointer === undefined ? undefined : resolve(dirname(dotGit), pointer);
  } catch {
    return undefined;
  }
}

async function readHead(gitDir: string): Promise<string | undefined> {
  try {
    const head = (await fsp.readFile(join(gitDir, 'HEAD'), 'utf8')).trim();
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (ref === undefined) return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
    const commonDir = await readCommonDir(gitDir);
    for (const base of [gitDir, commonDir]) {
      const loose = await fsp.readFile(join(base, ref), 'utf8').catch(() => undefined);
      if (loose !== undefined) return loose.trim();
    }
    const packed = await fsp.readFile(join(commonDir, 'packed-refs'), 'utf8').catch(() => '');
    for (const line of packed.split('\n')) {
      const [sha, name] = line.trim().split(' ');
      if (name === ref && sha !== undefined) return sha;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

async function readCommonDir(gitDir: string): Promise<string> {
  const text = await fsp.readFile(join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
  return text === undefined ? gitDir : resolve(gitDir, text.trim());
}
