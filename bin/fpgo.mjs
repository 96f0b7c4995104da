#!/usr/bin/env node
// Runs the compiled command line in dist/ (`npm run build`; `npm ci` builds it through the prepare script).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('fpgo: dist/ has not been built; run `npm run build` first\n');
  process.exit(1);
}
// Before anything else is loaded, so V8 never decides with the defaults (see src/cli/runtime-tuning.ts).
const { tuneRuntime } = await import(new URL('../dist/cli/runtime-tuning.js', import.meta.url).href);
tuneRuntime();
await import(main.href);
