/**
 * fpgo as a merchant's plain Node 20 app gets it: `npm pack` of this checkout, extracted into the app's
 * node_modules with nothing else installed, loaded by `node` with no tsx and no loader. dist/ is fresh: the
 * globalSetup (test/support/build-dist.ts) builds it before any test file runs, and a missing dist/ would
 * leave the tarball without the entry points, failing every test here.
 */
// @ts-nocheck

import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FPGO_BIN, PROJECT_ROOT } from './support/process.js';
import { startApp, type TestApp } from './support/test-app.js';

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
  /** npm installs fpgo's dependencies beside it; the SDK's declarations use zod's types. Here it is linked. */
  const linkZod = () => {
    if (!readdirSync(join(app, 'node_modules')).includes('zod')) symlinkSync(join(PROJECT_ROOT, 'node_modules/zod'), join(app, 'node_modules/zod'), 'dir');
  };

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
        'dist/sdk/index.js',
        'dist/sdk/index.d.ts',
        'dist/sdk/client.js',
        'dist/dashboard/assets/dashboard.css',
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

  it("runs the SDK from a plain .mjs, through 'fpgo' and 'fpgo/sdk', against a real server, with no zod installed", { timeout: 60_000 }, async () => {
    let server: TestApp | undefined;
    try {
      server = await startApp();
      const merchant = await server.merchant('Plain Node Shop');
      writeFileSync(
        join(app, 'sdk.mjs'),
        `import { Fpgo, FpgoError } from 'fpgo';
import { Fpgo as FromSubpath } from 'fpgo/sdk';
const [baseUrl, apiToken] = process.argv.slice(2);
const fpgo = new Fpgo({ baseUrl, apiToken });
const missing = await fpgo.getReservation('RES0000000000').catch((error) => error);
const tooLittle = await fpgo.capture('RES0000000000', { products: [], grandTotal: 0 }).catch((error) => error);
console.log(JSON.stringify({
  same: Fpgo === FromSubpath,
  clock: typeof (await fpgo.getTestClock()).offsetSeconds,
  missing: [missing instanceof FpgoError, missing.status_code, missing.message],
  tooLittle: [tooLittle.status_code, tooLittle.message, tooLittle.errors.length > 0],
}));
`,
      );
      // Not spawnSync: the server runs in this process and must go on answering.
      const run = await promisify(execFile)('node', ['sdk.mjs', server.baseUrl, merchant.token], { cwd: app, env: PLAIN_ENV, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ same: true, clock: 'number', missing: [true, 404, 'reservationNotFound'], tooLittle: [417, 'payloadValidationErrors', true] });
      expect(readdirSync(join(app, 'node_modules'))).toEqual(['fpgo']);
    } finally {
      await server?.close();
    }
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
    linkZod();
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

  describe('the SDK\'s types, for a TypeScript app (npm installs fpgo\'s dependency zod beside it; linked here)', () => {
    const tsc = (file: string, source: string) => {
      writeFileSync(join(app, file), source);
      writeFileSync(
        join(app, 'tsconfig.sdk.json'),
        JSON.stringify({
          compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, typeRoots: [join(PROJECT_ROOT, 'node_modules/@types')], types: ['node'] },
          files: [file],
        }),
      );
      const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'tsconfig.sdk.json')], { env: PLAIN_ENV, encoding: 'utf8' });
      return { status: run.status, output: run.stdout + run.stderr };
    };
    const usage = (captureBody: string) => `import { Fpgo, FpgoError, type CreatedReservation, type ReservationDetails } from 'fpgo';
const fpgo = new Fpgo({ baseUrl: 'http://localhost:8080', apiToken: 'fpgo_test_x' });
export async function checkout(uuid: string): Promise<string> {
  const details: ReservationDetails = await fpgo.getReservation(uuid);
  const line = details.productList[0]!;
  const capture = await fpgo.capture(uuid, ${captureBody});
  const created: CreatedReservation | null = null;
  return capture.uuid + String(created) + String(FpgoError);
}
`;

    beforeAll(linkZod);

    it('compiles correct usage', { timeout: 60_000 }, () => {
      expect(tsc('good.ts', usage('{ products: [{ id: line.id, amount: 100 }], grandTotal: 100 }'))).toEqual({ status: 0, output: '' });
    });

    it('fails tsc on a wrong field name, naming it', { timeout: 60_000 }, () => {
      const result = tsc('wrong-field.ts', usage('{ products: [{ id: line.id, amount: 100 }], grandTotl: 100 }'));
      expect(result.status).toBe(2);
      expect(result.output).toMatch(/wrong-field\.ts\(6,\d+\): error TS\d+: .*'grandTotl' does not exist/);
    });

    it('fails tsc on a wrong type and on a missing field', { timeout: 60_000 }, () => {
      const wrongType = tsc('wrong-type.ts', usage('{ products: [{ id: line.id, amount: true }], grandTotal: 1 }'));
      expect(wrongType.status).toBe(2);
      expect(wrongType.output).toMatch(/wrong-type\.ts\(6,\d+\): error TS2322: Type 'boolean' is not assignable/);
      const missing = tsc('missing-field.ts', usage('{ products: [{ id: line.id, amount: 100 }] }'));
      expect(missing.status).toBe(2);
      expect(missing.output).toMatch(/missing-field\.ts\(6,\d+\): error TS2345[^]*Property 'grandTotal' is missing/);
    });
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
