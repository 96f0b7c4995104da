/**
 * fpgo as a merchant's plain Node 20 app gets it: `npm pack` of this checkout, extracted into the app's
 * node_modules with nothing else installed, loaded by `node` with no tsx and no loader. dist/ is fresh: the
 * globalSetup (test/support/build-dist.ts) builds it before any test file runs, and a missing dist/ would
 * leave the tarball without the entry points, failing every test here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FPGO_BIN, PROJECT_ROOT } from './support/process.js';

/** Only the current PATH: no NODE_OPTIONS, no npm_* variables, nothing vitest set up. No network is needed. */
const PLAIN_ENV = { PATH: process.env.PATH ?? '' };
const SECRET = 'whsec_dGVzdC1zZWNyZXQtMjQtYnl0ZXMtbG9uZyEh';

/** The checksum rule of src/callbacks/signature.ts, written out again: SHA-256 of the query values in order, then the secret. */
function signed(url: string, secret: string): string {
  const values = [...new URL(url).searchParams.values()].join('');
  return `${url}&checksum=${createHash('sha256').update(values + secret, 'utf8').digest('hex')}`;
}

describe('the packed fpgo package in a plain Node app', () => {
  let dir: string;
  let app: string;
  let packed: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fpgo-package-'));
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
        cwd: PROJECT_ROOT,
        env: { ...PLAIN_ENV, HOME: process.env.HOME ?? dir, npm_config_offline: 'true' },
        encoding: 'utf8',
      }),
    ) as [{ filename: string; files: { path: string }[] }];
    packed = pack.files.map((file) => file.path);
    app = join(dir, 'app');
    const installed = join(app, 'node_modules', 'fpgo');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(dir, pack.filename), '-C', installed, '--strip-components=1'], { env: PLAIN_ENV });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'merchant-app', private: true, dependencies: { fpgo: '*' } }));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs the compiled code, its declarations and assets, the CLI and the docs, and no sources', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'bin/fpgo.mjs',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/callbacks/verify-callback.js',
        'dist/callbacks/verify-callback.d.ts',
        'dist/cli/main.js',
        'dist/checkout/assets/checkout.css',
        'dist/checkout/assets/checkout.js',
      ]),
    );
    expect(packed.filter((path) => !/^(dist|bin)\/|^(package\.json|README\.md|CHANGELOG\.md)$/.test(path))).toEqual([]);
    expect(packed.filter((path) => /\.ts$/.test(path) && !/\.d\.ts$/.test(path))).toEqual([]);
    expect(packed.filter((path) => /tsbuildinfo|\.map$/.test(path))).toEqual([]);
  });

  it('is imported by node without tsx, and with no other package installed', () => {
    expect(readdirSync(join(app, 'node_modules'))).toEqual(['fpgo']);
    const typeOf = execFileSync('node', ['--input-type=module', '-e', "import('fpgo').then(m => console.log(typeof m.verifyCallback))"], {
      cwd: app,
      env: PLAIN_ENV,
      encoding: 'utf8',
    });
    expect(typeOf.trim()).toBe('function');
  });

  it("verifies a signed callback and refuses a tampered one through both 'fpgo' and 'fpgo/verify-callback'", () => {
    writeFileSync(
      join(app, 'verify.mjs'),
      `import { verifyCallback } from 'fpgo';
import { verifyCallback as fromSubpath } from 'fpgo/verify-callback';
const [good, tampered, secret] = process.argv.slice(2);
console.log(JSON.stringify({ same: verifyCallback === fromSubpath }));
for (const [from, verify] of [['fpgo', verifyCallback], ['fpgo/verify-callback', fromSubpath]]) {
  console.log(JSON.stringify({ from, good: verify(good, secret), tampered: verify(tampered, secret) }));
}
`,
    );
    // Sent just now: verifyCallback refuses timestamps more than 5 minutes away.
    const sentAt = Math.floor(Date.now() / 1000);
    const good = signed(
      `https://shop.example/cb?order_identifier=xyz&orderUuid=RES1234567890&status=CAPTURED&paymentMethod=Visa&amount=1000.00&createdAt=1764000000&timestamp=${sentAt}`,
      SECRET,
    );
    const tampered = good.replace('amount=1000.00', 'amount=1.00');
    const lines = execFileSync('node', ['verify.mjs', good, tampered, SECRET], { cwd: app, env: PLAIN_ENV, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ same: true });
    expect(lines.slice(1).map((line) => line.from)).toEqual(['fpgo', 'fpgo/verify-callback']);
    for (const line of lines.slice(1)) {
      expect(line.good).toEqual({
        ok: true,
        event: {
          orderUuid: 'RES1234567890',
          status: 'CAPTURED',
          paymentMethod: 'Visa',
          amount: '1000.00',
          createdAt: 1764000000,
          timestamp: sentAt,
          merchantParameters: { order_identifier: 'xyz' },
        },
      });
      expect(line.tampered).toEqual({ ok: false, reason: expect.stringMatching(/checksum does not match/) });
    }
  });

  it("gives TypeScript code the declarations of both entry points", { timeout: 60_000 }, () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { verifyCallback, type CallbackEvent, type VerifyResult } from 'fpgo';
import { verifyCallback as fromSubpath } from 'fpgo/verify-callback';
const result: VerifyResult = verifyCallback('?status=RESERVED', 'whsec_x', { toleranceSeconds: 300 });
const event: CallbackEvent | undefined = result.ok ? result.event : undefined;
export const status: string | undefined = event?.status;
export const same: typeof verifyCallback = fromSubpath;
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        // The merchant's own @types/node, which the app does not have installed here.
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, typeRoots: [join(PROJECT_ROOT, 'node_modules/@types')], types: ['node'] },
        files: ['consumer.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], { env: PLAIN_ENV, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});

describe('bin/fpgo.mjs without a build', () => {
  it('says in one line to run npm run build, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpgo-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(FPGO_BIN, join(dir, 'bin', 'fpgo.mjs'));
      const run = spawnSync(process.execPath, [join(dir, 'bin', 'fpgo.mjs'), 'start'], { cwd: dir, env: PLAIN_ENV, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^fpgo: .*run `npm run build`.*\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
