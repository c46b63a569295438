import { defineConfig } from 'vitest/config';

/** npm run bench: measurements that print figures; never part of npm test. */
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('bench') },
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    silent: false,
    // Heap figures are taken after a forced GC, so they show what is retained, not garbage waiting.
    execArgv: ['--expose-gc'],
  },
});
