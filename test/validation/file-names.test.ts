import { describe, expect, it } from 'vitest';
import { checkPathNames, isWindowsDeviceName } from '../../src/validation/file-names.js';
import { artifactPathSegments } from '../../src/validation/artifact-paths.js';
import { validateKey, validateModelName } from '../../src/validation/index.js';

const invalid = { errorCode: 'INVALID_PARAMETER_VALUE' };

describe('checkPathNames', () => {
  it('accepts names of up to 255 bytes of UTF-8 and refuses longer ones', () => {
    expect(() => checkPathNames('a'.repeat(255), 'The key')).not.toThrow();
    expect(() => checkPathNames('界'.repeat(85), 'The key')).not.toThrow();
    expect(() => checkPathNames('界'.repeat(86), 'The key')).toThrow(expect.objectContaining({ ...invalid, message: expect.stringContaining('258 bytes') }));
  });

  it('checks each part of a path on its own', () => {
    expect(() => checkPathNames(`${'a'.repeat(200)}/${'b'.repeat(200)}`, 'The key')).not.toThrow();
  });

  it('refuses a NUL character anywhere', () => {
    expect(() => checkPathNames('a/x\0y', 'The artifact path')).toThrow(expect.objectContaining({ message: expect.stringContaining('NUL') }));
  });

  it('refuses names Windows reserves for devices on Windows, and only there', () => {
    expect(() => checkPathNames('plots/CON', 'The artifact path', 'win32')).toThrow(expect.objectContaining({ message: expect.stringContaining("'CON'") }));
    expect(() => checkPathNames('plots/CON', 'The artifact path', 'linux')).not.toThrow();
  });
});

describe('isWindowsDeviceName', () => {
  it.each(['CON', 'con', 'NUL', 'aux.txt', 'Com1.log', 'LPT9', 'nul ', 'CONIN$'])('says %j is a device name', (name) => {
    expect(isWindowsDeviceName(name)).toBe(true);
  });

  it.each(['CONSOLE', 'aux_loss', 'com10', 'xnul', 'lpt', 'my.con'])('says %j is an ordinary name', (name) => {
    expect(isWindowsDeviceName(name)).toBe(false);
  });
});

describe('names that become files', () => {
  it('refuses keys that readers would skip: temporary-file names and OS junk files', () => {
    expect(() => validateKey('.mlruns-tmp-x', 'param')).toThrow(expect.objectContaining({ message: expect.stringContaining('readers skip') }));
    expect(() => validateKey('nested/.DS_Store', 'tag')).toThrow(expect.objectContaining(invalid));
  });

  it('refuses a key with a part too long for a file name, even for tags, which have no length limit', () => {
    expect(() => validateKey('界'.repeat(200), 'tag')).toThrow(expect.objectContaining(invalid));
  });

  it('refuses an artifact path with a part too long for a file name', () => {
    expect(() => artifactPathSegments(`plots/${'a'.repeat(300)}.png`, 'artifact path')).toThrow(expect.objectContaining(invalid));
  });

  it('refuses registered model names holding a NUL or too long for a folder name', () => {
    expect(() => validateModelName('x\0y')).toThrow(expect.objectContaining(invalid));
    expect(() => validateModelName('m'.repeat(256))).toThrow(expect.objectContaining(invalid));
  });
});
