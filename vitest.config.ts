import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^mlruns$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^mlruns\/search$/, replacement: fileURLToPath(new URL('./src/search/index.ts', import.meta.url)) },
      { find: /^mlruns\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^mlruns\/vitest$/, replacement: fileURLToPath(new URL('./src/testing/vitest.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
