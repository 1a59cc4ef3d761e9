import { promises as fsp } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FileInfo } from '../../entities/index.js';
import { InternalError, InvalidParameterError, MlflowError, ResourceNotFoundError } from '../../errors/index.js';
import { ARTIFACT_TEMP_PREFIX } from '../../format/layout.js';
import { assertInside, copyFileWithTimes, placeFileAtomic, walkTree } from './artifact-fs.js';
import { TEMP_PREFIX, isNotFound } from './fs-io.js';

const isTemporary = (name: string): boolean => name.startsWith(ARTIFACT_TEMP_PREFIX) || name.startsWith(TEMP_PREFIX);

/** Python sorts paths by code point; UTF-8 byte order is the same order. */
const byCodePoint = (a: FileInfo, b: FileInfo): number => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));

/**
 * A run's artifacts in a local folder, as MLflow's LocalArtifactRepository keeps them. Every
 * path arrives as validated segments (see artifactPathSegments) and is checked again after
 * symbolic links are followed, so nothing is read or written outside `root`. Files are
 * written to a temporary name and renamed into place.
 */
export class LocalArtifactRepository {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private at(segments: readonly string[]): Promise<string> {
    return assertInside(this.root, join(this.root, ...segments), segments.join('/'));
  }

  /** Copies one local file into the folder `dir`, under its own name. */
  async logFile(localFile: string, dir: readonly string[]): Promise<void> {
    const source = resolve(localFile);
    await assertLocal(source, 'file');
    const name = checkFileName(basename(source));
    const target = await this.at([...dir, name]);
    await guard(`copy '${source}' into the artifacts at '${target}'`, async () => {
      if (await sameFile(source, target)) return;
      await placeFileAtomic(target, ARTIFACT_TEMP_PREFIX, (temp) => copyFileWithTimes(source, temp));
    });
  }

  /** Copies the content of a local folder (not the folder itself) into the folder `dir`. */
  async logDir(localDir: string, dir: readonly string[]): Promise<void> {
    const source = resolve(localDir);
    await assertLocal(source, 'directory');
    const tree = await guard(`read the local folder '${source}'`, () => walkTree(source));
    // Every destination is checked before the first byte is written.
    const dirs = await Promise.all([dir, ...tree.dirs.map((d) => [...dir, ...d])].map((d) => this.at(d)));
    const files = await Promise.all(
      tree.files.map(async (file) => ({ source: file.source, target: await this.at([...dir, ...file.segments.slice(0, -1), checkFileName(file.segments.at(-1) ?? '')]) })),
    );
    await guard(`copy '${source}' into the artifacts at '${this.root}'`, async () => {
      for (const path of dirs) await fsp.mkdir(path, { recursive: true });
      for (const file of files) await placeFileAtomic(file.target, ARTIFACT_TEMP_PREFIX, (temp) => copyFileWithTimes(file.source, temp));
    });
  }

  /** Writes bytes or text as the artifact file `file` (the last segment is the file name). */
  async writeFile(file: readonly string[], content: Uint8Array | string): Promise<void> {
    checkFileName(file.at(-1) ?? '');
    const target = await this.at(file);
    await guard(`write the artifact '${target}'`, () => placeFileAtomic(target, ARTIFACT_TEMP_PREFIX, (temp) => fsp.writeFile(temp, content)));
  }

  /** The bytes of an artifact file, or null when there is none. */
  async readFile(file: readonly string[]): Promise<Buffer | null> {
    const path = await this.at(file);
    return guard(`read the artifact '${path}'`, () => fsp.readFile(path).catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error))));
  }

  /** The immediate children of the folder `dir`, sorted by path; [] when it does not exist. */
  async list(dir: readonly string[]): Promise<FileInfo[]> {
    const path = await this.at(dir);
    return guard(`list the artifacts in '${path}'`, async () => {
      const entries = await fsp.readdir(path).catch((error: unknown) => (isNotFound(error) ? [] : Promise.reject(error)));
      const infos: FileInfo[] = [];
      for (const name of entries) {
        if (isTemporary(name)) continue;
        const stats = await fsp.stat(join(path, name)).catch(() => undefined);
        if (stats === undefined) continue;
        const relative = [...dir, name].join('/');
        infos.push({ path: relative, isDir: stats.isDirectory(), fileSize: stats.isDirectory() ? null : stats.size });
      }
      return infos.sort(byCodePoint);
    });
  }

  /** The local path of an existing artifact; RESOURCE_DOES_NOT_EXIST "No such artifact" otherwise. */
  async localPath(path: readonly string[]): Promise<string> {
    const target = await this.at(path);
    if (!(await fsp.stat(target).then(() => true, () => false))) {
      throw new ResourceNotFoundError(`No such artifact: '${path.join('/')}' (looked in '${this.root}'). List the run's artifacts to see what it holds.`);
    }
    return target;
  }

  /**
   * Copies an artifact file or folder to `<dst>/<path>` and returns that path. `dst` must be
   * an existing folder, as in MLflow.
   */
  async download(path: readonly string[], dst: string): Promise<string> {
    const destination = resolve(dst);
    const stats = await fsp.stat(destination).catch(() => undefined);
    if (stats === undefined) throw new ResourceNotFoundError(`The destination path for downloaded artifacts does not exist: '${destination}'. Create the folder first.`);
    if (!stats.isDirectory()) throw new InvalidParameterError(`The destination path for downloaded artifacts must be a folder: '${destination}'.`);
    // A run without artifacts downloads as an empty folder, as in MLflow.
    if (path.length === 0 && !(await fsp.stat(this.root).then(() => true, () => false))) return destination;
    const source = await this.localPath(path);
    const target = join(destination, ...path);
    if (!(await fsp.stat(source)).isDirectory()) {
      await guard(`download '${source}' to '${target}'`, async () => {
        await fsp.mkdir(join(target, '..'), { recursive: true });
        await copyFileWithTimes(source, target);
      });
      return target;
    }
    const tree = await guard(`read the artifact folder '${source}'`, () => walkTree(source, isTemporary));
    for (const file of tree.files) await this.at([...path, ...file.segments]);
    await guard(`download '${source}' to '${target}'`, async () => {
      await fsp.mkdir(target, { recursive: true });
      for (const dir of tree.dirs) await fsp.mkdir(join(target, ...dir), { recursive: true });
      for (const file of tree.files) await copyFileWithTimes(file.source, join(target, ...file.segments));
    });
    return target;
  }
}

async function assertLocal(path: string, kind: 'file' | 'directory'): Promise<void> {
  const stats = await fsp.stat(path).catch(() => undefined);
  if (stats === undefined) throw new InvalidParameterError(`The local ${kind} '${path}' does not exist; give the path of an existing ${kind} to log.`);
  if (kind === 'file' ? !stats.isFile() : !stats.isDirectory()) {
    throw new InvalidParameterError(`'${path}' is not a ${kind}; use ${kind === 'file' ? 'logArtifacts for a folder' : 'logArtifact for a single file'}.`);
  }
}

function checkFileName(name: string): string {
  if (name === '' || isTemporary(name)) {
    throw new InvalidParameterError(`Invalid artifact file name '${name}': names starting with '${ARTIFACT_TEMP_PREFIX}' or '${TEMP_PREFIX}' are reserved for temporary files, and a name cannot be empty.`);
  }
  return name;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([fsp.stat(a).catch(() => undefined), fsp.stat(b).catch(() => undefined)]);
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** Runs file work, turning native failures (EACCES, ENOSPC, ...) into InternalError with what was being done. */
async function guard<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MlflowError) throw error;
    throw new InternalError(`Could not ${what}: ${(error as Error).message}`, { cause: error });
  }
}
