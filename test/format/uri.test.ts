import { describe, expect, it } from 'vitest';
import { appendToUri, fileUriToPath, isLocalUri, pathToFileUri, resolveLocalUri, rootFromUri } from '../../src/format/uri.js';

describe('local URIs', () => {
  it('percent-encodes spaces and non-ASCII characters as pathlib.as_uri does', () => {
    expect(pathToFileUri('/home/al ice/proj/mlrüns')).toBe('file:///home/al%20ice/proj/mlr%C3%BCns');
  });

  it('keeps a Windows drive letter and its colon', () => {
    expect(pathToFileUri('C:\\Users\\bob\\mlruns')).toBe('file:///C:/Users/bob/mlruns');
  });

  it('decodes file URIs back to paths', () => {
    expect(fileUriToPath('file:///home/al%20ice/mlr%C3%BCns/0')).toBe('/home/al ice/mlrüns/0');
    expect(fileUriToPath('file:///C:/Users/bob/mlruns')).toBe('C:/Users/bob/mlruns');
    expect(fileUriToPath('file://localhost/tmp/x')).toBe('/tmp/x');
  });

  it('treats plain paths and host-less file URIs as local, other schemes not', () => {
    expect(isLocalUri('/abs/path')).toBe(true);
    expect(isLocalUri('file:///abs')).toBe(true);
    expect(isLocalUri('C:\\data')).toBe(true);
    expect(isLocalUri('s3://bucket/x')).toBe(false);
    expect(isLocalUri('file://server/share')).toBe(false);
  });

  it('resolves a relative store root against the working directory', () => {
    expect(rootFromUri('mlruns', '/work/proj')).toBe('/work/proj/mlruns');
    expect(rootFromUri('file:///data/mlruns/', '/elsewhere')).toBe('/data/mlruns');
  });
});

describe('appendToUri (spec case 79)', () => {
  it('appends segments before a query and fragment', () => {
    expect(appendToUri('s3://bucket/path/to/root?creds=mycreds', '1', 'r', 'artifacts')).toBe(
      's3://bucket/path/to/root/1/r/artifacts?creds=mycreds',
    );
    expect(appendToUri('file:///path/to/local/folder?param=value#fragment', 'e', 'r', 'artifacts')).toBe(
      'file:///path/to/local/folder/e/r/artifacts?param=value#fragment',
    );
  });

  it('resolves a relative local artifact location against the working directory', () => {
    expect(resolveLocalUri('path/to/local/folder', '/cwd')).toBe('/cwd/path/to/local/folder');
    expect(resolveLocalUri('file:path/to/local/folder', '/cwd')).toBe('file:///cwd/path/to/local/folder');
    expect(resolveLocalUri('/abs/folder', '/cwd')).toBe('/abs/folder');
    expect(resolveLocalUri('s3://b/x', '/cwd')).toBe('s3://b/x');
  });
});
