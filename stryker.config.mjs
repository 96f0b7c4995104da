// Mutation testing of the domain core and the callback machinery (issue 18): `npm run mutation`.
// Reports land in reports/mutation/ (HTML and JSON); the incremental file beside them lets a rerun
// test only the mutants whose code or covering tests changed. Both are gitignored: the score that
// counts is the one a full run gives (`npm run mutation -- --force`), see README "Testing".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/reservations/**/*.ts', 'src/callbacks/**/*.ts'],
  // Only the tests that reach a mutant are re-run for it.
  coverageAnalysis: 'perTest',
  // The machine's two cores are shared; one sandbox per core at most.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // dist/ is copied: the CLI test in test/callbacks.test.ts runs it.
  ignorePatterns: ['data', 'bench', 'examples', 'docs', 'reports', 'coverage', 'test-results', 'scratch'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 10_000,
  ignoreStatic: true,
  thresholds: { high: 90, low: 80, break: null },
};
