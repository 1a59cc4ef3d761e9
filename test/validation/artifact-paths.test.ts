import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';
import { artifactPathSegments } from '../../src/validation/artifact-paths.js';

describe('artifact paths', () => {
  it('splits a run-relative path and drops empty and "." segments', () => {
    expect(artifactPathSegments('plots/./loss.png', 'artifact path')).toEqual(['plots', 'loss.png']);
    expect(artifactPathSegments('a//b/', 'artifact path')).toEqual(['a', 'b']);
  });

  it('reads undefined, null and the empty string as the artifact root', () => {
    expect(artifactPathSegments(undefined, 'artifact path')).toEqual([]);
    expect(artifactPathSegments(null, 'artifact path')).toEqual([]);
    expect(artifactPathSegments('', 'artifact path')).toEqual([]);
  });

  it.each(['../x', 'a/../../x', '/etc', 'C:/Windows', 'c:x', 'a\\b', 'a\0b', '%2e%2e/x', '%252e%252e/x'])(
    'refuses %j, which could leave the artifact root',
    (path) => {
      expect(() => artifactPathSegments(path, 'artifact path')).toThrow(InvalidParameterError);
      expect(() => artifactPathSegments(path, 'artifact path')).toThrow(`Invalid artifact path '${path}'`);
    },
  );

  it('refuses a path that is not a string, saying what it got', () => {
    expect(() => artifactPathSegments(42, 'artifact path')).toThrow('must be a string');
  });
});
