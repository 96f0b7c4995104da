/**
 * Vitest globalSetup: builds dist/ (`npm run build`, incremental) once before any test file runs, and again
 * before each watch-mode rerun. Tests that spawn `bin/fpgo.mjs` (test/support/process.ts) and
 * test/package-export.test.ts run the compiled code, so it must match src/.
 *
 * A globalSetup rather than a "pretest" script: it also covers `npx vitest run some.test.ts`, editors'
 * test runners and watch mode, which never run npm's pre-scripts. A failed build (a type error in src/)
 * fails the run, with tsc's messages, instead of letting child processes run what an older build left.
 */
// @ts-nocheck

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function build(): void {
  try {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed, so the compiled fpgo in dist/ would be stale:\n${stdout}${stderr}`);
  }
}

export default function setup(project: TestProject): void {
  build();
  project.onTestsRerun(() => build());
}
