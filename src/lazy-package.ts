import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A dependency loaded the first time it is used rather than when this library is imported.
 * `yaml`, `fs-extra` and `proper-lockfile` together take ~100 ms to load, while a read-only
 * search or `mlruns runs list` needs none of them (meta.yaml files are read by the flat
 * reader; only writes take locks). All three ship CommonJS for Node, so require() loads them
 * synchronously, where the first call needs them.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
