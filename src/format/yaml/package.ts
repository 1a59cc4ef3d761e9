import { lazyPackage } from '../../lazy-package.js';

/** The `yaml` package (its parser builds the node tree PyYAML's constructors are ported over). */
export const yamlPackage = lazyPackage<typeof import('yaml')>('yaml');
