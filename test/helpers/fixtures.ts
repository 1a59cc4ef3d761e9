/**
 * Small stores written by real MLflow, committed under fixtures/ (see fixtures/README.md), so
 * tests of our reader run without Python. Always work on a copy: `copyFixture` puts one into a
 * fresh temp folder that is removed after the test.
 */
import { join } from 'node:path';
import { copyFixtureTo, type FixtureName } from './fixture-files.js';
import { tempDir } from './tmp.js';

export { fixtureInfo, type FixtureInfo, type FixtureName } from './fixture-files.js';

/**
 * Copies fixture `name` into a fresh temp folder as `<tmp>/mlruns`, restores the empty folders
 * and extra files git could not keep, and returns the new root. Removed after the test.
 */
export async function copyFixture(name: FixtureName): Promise<string> {
  return copyFixtureTo(name, join(await tempDir(`mlruns-fixture-${name}-`), 'mlruns'));
}
