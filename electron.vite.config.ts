import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      rolldownOptions: {
        // The web-mode host shares the main build: same core, no Electron import.
        input: { index: 'electron/main/index.ts', web: 'electron/web/index.ts' },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: 'electron/preload/index.ts' },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    resolve: {
      // formatMessage's catalogs: the languages loaded so far, not every language (see shared/i18n/catalog-source.ts).
      alias: [{ find: /^\.\/catalog-source$/, replacement: fileURLToPath(new URL('./renderer/src/i18n/catalog-source.ts', import.meta.url)) }],
    },
    build: {
      // Minified, and split: the connect screen loads only its own code; the workspace
      // (key browser, explorer, code pane with Prism) arrives as chunks when it is opened.
      minify: true,
      rolldownOptions: { input: 'renderer/index.html' },
    },
  },
});
