#!/usr/bin/env node
// @ts-nocheck
// Runs the compiled command line in dist/ (`npm run build`; `npm ci` builds it through the prepare script).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('fpgo: dist/ has not been built; run `npm run build` first\n');
  process.exit(1);
}
await import(main.href);
