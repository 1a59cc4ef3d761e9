import { describe, expect, it } from 'vitest';
import { isRunsUri, parseRunsUri } from '../../src/format/runs-uri.js';

describe('runs:/ URIs', () => {
  it('splits the run id from the run-relative artifact path', () => {
    expect(parseRunsUri('runs:/0a1b2c/model/MLmodel')).toEqual({ runId: '0a1b2c', artifactPath: 'model/MLmodel' });
  });

  it('reads a URI with only a run id as the artifact root', () => {
    expect(parseRunsUri('runs:/0a1b2c')).toEqual({ runId: '0a1b2c', artifactPath: '' });
    expect(parseRunsUri('runs:/0a1b2c/')).toEqual({ runId: '0a1b2c', artifactPath: '' });
  });

  it('accepts the empty host form runs:/// but not a host', () => {
    expect(parseRunsUri('runs:///0a1b2c/x')).toEqual({ runId: '0a1b2c', artifactPath: 'x' });
    expect(parseRunsUri('runs://host/0a1b2c/x')).toBeUndefined();
  });

  it('refuses URIs without a run id or of another scheme', () => {
    expect(parseRunsUri('runs:/')).toBeUndefined();
    expect(parseRunsUri('runs://')).toBeUndefined();
    expect(parseRunsUri('file:///tmp/x')).toBeUndefined();
    expect(isRunsUri('RUNS:/abc')).toBe(true);
    expect(isRunsUri('s3://b/k')).toBe(false);
  });
});
