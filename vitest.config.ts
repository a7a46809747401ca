import { defineConfig } from 'vitest/config';

// Two projects: the node tests as before, and the renderer's component tests (test/renderer/**/*.test.tsx)
// in a DOM (jsdom), so the node tests keep their speed and the DOM is loaded only where a screen is drawn.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', 'node_modules/**', 'test/renderer/**/*.test.tsx'],
          globalSetup: ['test/helpers/buildOnce.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});
