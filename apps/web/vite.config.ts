import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The api serves dist/web at `/` in production; in development Vite proxies /api to it.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  // Vite 8 compiles TSX with Oxc; no React plugin is installed, so ask for the automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    rollupOptions: {
      // Ant Design's modules start with "use client" (for React Server Components); a browser
      // bundle has no server components, so the directive is meaningless here, not lost.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
