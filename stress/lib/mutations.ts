import { cp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunFolderName } from '../../src/format/layout.js';
import type { Random } from '../../test/helpers/random.js';

/**
 * Damage done to a copy of a fixture store by the damaged-stores scenario: one file truncated,
 * emptied, deleted, overwritten with binary garbage or given a wrong id, or the store given a
 * duplicate experiment, a duplicate name or a run copied into another experiment.
 */
export interface Mutation {
  readonly kind: string;
  /** The damaged file or folder, relative to the root with `/` separators. */
  readonly path: string;
  apply(root: string): Promise<void>;
  /** Puts the store back as it was before `apply`, so one copy serves every mutation. */
  undo(root: string): Promise<void>;
  /** Other paths a warning about this damage may name (the other experiment of a duplicate name). */
  readonly alsoNamed?: readonly string[];
}

/** A mutation of files that are saved before and written back after. */
function saving(kind: string, path: string, saved: readonly string[], apply: (root: string) => Promise<void>): Mutation {
  const bytes = new Map<string, Buffer>();
  return {
    kind,
    path,
    async apply(root) {
      for (const file of saved) bytes.set(file, await readFile(at(root, file)));
      await apply(root);
    },
    async undo(root) {
      for (const [file, content] of bytes) await writeFile(at(root, file), content);
    },
  };
}

const at = (root: string, path: string): string => join(root, ...path.split('/'));

function garbage(random: Random): Buffer {
  // 0xff and 0xfe never occur in UTF-8, so the bytes are never valid text.
  return Buffer.from([0xff, 0xfe, ...Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256))]);
}

/** The five file mutations of one file; `wrongId` only for meta.yaml files. */
export function fileMutations(path: string, random: Random): Mutation[] {
  const mutations: Mutation[] = [
    saving('truncated', path, [path], async (root) => truncate(at(root, path), Math.floor((await readFile(at(root, path))).length / 2))),
    saving('emptied', path, [path], (root) => writeFile(at(root, path), '')),
    saving('deleted', path, [path], (root) => rm(at(root, path))),
    saving('garbage', path, [path], (root) => writeFile(at(root, path), garbage(random))),
  ];
  if (path.endsWith('/meta.yaml')) {
    mutations.push(
      saving('wrong id', path, [path], async (root) => {
        const text = await readFile(at(root, path), 'utf8');
        await writeFile(at(root, path), text.replace(/(run_id|run_uuid|experiment_id): *'?([\w-]+)'?/g, "$1: '424242424242424242'"));
      }),
    );
  }
  return mutations;
}

/** The active experiment folders of a store whose meta.yaml holds a plain one-line name (copied by text below). */
async function namedExperimentIds(root: string): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^[\w-]+$/.test(entry.name) || entry.name === 'models') continue;
    const meta = await readFile(at(root, `${entry.name}/meta.yaml`), 'utf8').catch(() => '');
    if (/^name: [\w.-][\w .-]*\n(?=\S)/m.test(meta)) ids.push(entry.name);
  }
  return ids.sort();
}

/** Store-level damage: a duplicated experiment (same name, same run ids), a duplicated name, a run copied into another experiment. */
export async function storeMutations(root: string): Promise<Mutation[]> {
  const ids = await namedExperimentIds(root);
  const [first, second] = ids.filter((id) => id !== '0');
  if (first === undefined) return [];
  const copy = '909090909090909090';
  const mutations: Mutation[] = [
    {
      kind: 'duplicate experiment',
      path: copy,
      apply: async (store) => {
        await cp(at(store, first), at(store, copy), { recursive: true });
        const meta = at(store, `${copy}/meta.yaml`);
        await writeFile(meta, (await readFile(meta, 'utf8')).replace(/experiment_id: *'?[\w-]+'?/, `experiment_id: '${copy}'`));
      },
      undo: (store) => rm(at(store, copy), { recursive: true }),
    },
  ];
  if (second !== undefined) {
    const duplicateName = saving('duplicate name', `${second}/meta.yaml`, [`${second}/meta.yaml`], async (store) => {
      const name = /^name: (.*)$/m.exec(await readFile(at(store, `${first}/meta.yaml`), 'utf8'))?.[1] ?? 'x';
      const meta = at(store, `${second}/meta.yaml`);
      await writeFile(meta, (await readFile(meta, 'utf8')).replace(/^name: .*$/m, `name: ${name}`));
    });
    mutations.push({ ...duplicateName, alsoNamed: [first] });
    const run = (await readdir(at(root, first), { withFileTypes: true })).find((e) => e.isDirectory() && isRunFolderName(e.name));
    if (run !== undefined) {
      const path = `${second}/${run.name}`;
      mutations.push({
        kind: 'run copied into another experiment',
        path,
        apply: (store) => cp(at(store, `${first}/${run.name}`), at(store, path), { recursive: true }),
        undo: (store) => rm(at(store, path), { recursive: true }),
      });
    }
  }
  return mutations;
}
