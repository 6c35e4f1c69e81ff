// Builds the parity harness page with Vite's JS API into the directory given (a temp dir):
// node test/browser/form-parity/build-harness.mjs <outDir>. A script of its own because Vite 8
// is ESM-only and Jest runs the tests as CommonJS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-harness.mjs <outDir>');
const root = join(outDir, 'src');
mkdirSync(root, { recursive: true });
writeFileSync(
  join(root, 'index.html'),
  `<!doctype html><html><head><meta charset="utf-8"><title>form parity</title></head>
<body><script type="module" src="${join(import.meta.dirname, 'harness.ts')}"></script></body></html>`,
);
await build({
  root,
  base: './',
  logLevel: 'warn',
  configFile: false,
  build: { outDir: join(outDir, 'dist'), emptyOutDir: true, minify: false },
  server: { fs: { allow: [join(import.meta.dirname, '..', '..', '..')] } },
});
