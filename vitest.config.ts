import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration files each start their own redis-server.
    maxWorkers: 2,
    // expect.poll waits for what a real server and a real browser do; vitest's 1 s default is shorter
    // than a step's round trips on a loaded two-core machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
