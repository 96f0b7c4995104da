/** The `fpgo` command line. Every command honours DATABASE_URL (and the other settings of src/config.ts). */
// @ts-nocheck

import { Command, Option } from 'commander';
import { describeProblem, verifyChains } from '../audit/history-chain.js';
import { DEFAULT_TOLERANCE_SECONDS, verifyCallback } from '../callbacks/verify-callback.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { systemClock } from '../kernel/clock.js';
import { parseDuration } from '../kernel/duration.js';
import { randomIds } from '../kernel/ids.js';
import { DEFAULT_GRACE_MS, MAX_GRACE_MS, rotateCallbackSecret } from '../merchants/callback-secret.js';
import { createUser, disableUser } from '../merchants/dashboard-users.js';
import { createApiToken, createMerchant, LiveGatewayMissing, revokeApiToken } from '../merchants/merchant-admin.js';
import { generatePassword } from '../merchants/passwords.js';
import { USER_ROLES, type UserRole } from '../reservations/dashboard-user.js';
import { DEFAULT_CAPTURE_WINDOW_DAYS, isCaptureWindow, MAX_CAPTURE_WINDOW_DAYS } from '../reservations/merchant.js';
import { reconcileDue } from '../reservations/reconcile-movement.js';
import { configuredGateways, gatewaysOf, serve } from '../server.js';
import { Store } from '../store/store.js';

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) exit(error.message);
    throw error;
  }
}

async function configuredGatewaysOrExit() {
  try {
    return await configuredGateways(config());
  } catch (error) {
    if (error instanceof ConfigError) exit(error.message);
    throw error;
  }
}

function exit(message: string): never {
  process.stderr.write(`fpgo: ${message}\n`);
  process.exit(1);
}

/** Opens the migrated store, runs `work`, closes the store. */
async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(config().databaseUrl);
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}

const program = new Command('fpgo').description('Self-hostable FPGO Connect reservation API').showHelpAfterError();

program
  .command('start')
  .description('migrate the database, create a demo merchant if there is none, and serve (npm start)')
  .action(() => serve(config(), { migrate: true, demoMerchant: true }));

program
  .command('serve')
  .description('serve the API on HOST:PORT')
  .action(() => serve(config(), { migrate: false, demoMerchant: false }));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const applied = await withStore((store) => store.migrate());
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n');
  });

const merchant = program.command('merchant').description('manage merchants');
merchant
  .command('create')
  .description('create a merchant with an API token and a callback secret')
  .requiredOption('--name <name>', 'merchant name shown to customers')
  .addOption(new Option('--mode <mode>', 'test merchants get the test clock and test payments').choices(['test', 'live']).default('test'))
  .option('--capture-window-days <days>', `days after the payment during which captures are allowed (1 to ${MAX_CAPTURE_WINDOW_DAYS})`, String(DEFAULT_CAPTURE_WINDOW_DAYS))
  .option('--json', 'print {"merchantId","apiToken","callbackSecret"} as JSON')
  .action(async (options: { name: string; mode: 'test' | 'live'; captureWindowDays: string; json?: boolean }) => {
    const name = options.name.trim();
    if (!name) exit('--name must not be empty');
    const captureWindowDays = /^\d+$/.test(options.captureWindowDays) ? Number(options.captureWindowDays) : Number.NaN;
    if (!isCaptureWindow(captureWindowDays)) exit(`--capture-window-days must be a whole number from 1 to ${MAX_CAPTURE_WINDOW_DAYS}`);
    const gateways = gatewaysOf(await configuredGatewaysOrExit());
    if (!gateways.forMerchant({ mode: options.mode })) exit(new LiveGatewayMissing().message);
    const created = await withStore((store) =>
      createMerchant({ merchants: store.merchants, clock: systemClock, ids: randomIds, gateways }, { name, mode: options.mode, captureWindowDays }),
    );
    const result = { merchantId: created.merchant.id, apiToken: created.apiToken, callbackSecret: created.merchant.callbackSecret };
    process.stdout.write(
      options.json
        ? `${JSON.stringify(result)}\n`
        : `merchant ${result.merchantId} (${options.mode} mode)\n  API token:       ${result.apiToken}\n  Callback secret: ${result.callbackSecret}\n`,
    );
  });

program
  .command('reconcile')
  .description('ask the card gateway what became of money movements whose answer never came, and settle them')
  .argument('[reference]', 'one movement (CAP…, CHA… or REF…), due or not; without it, every movement due for a lookup')
  .action(async (reference: string | undefined) => {
    const gateways = gatewaysOf(await configuredGatewaysOrExit());
    const results = await withStore((store) =>
      reconcileDue({ lifecycle: store.lifecycle, gateways, clock: systemClock, ids: randomIds }, { limit: 1000, ...(reference ? { only: reference } : {}) }),
    );
    if (reference && results.length === 0) exit(`no pending movement ${reference}`);
    const said: Record<string, string> = {
      done: 'made: settled as succeeded',
      'not-done': 'not made: settled as failed',
      unknown: 'still unknown: looked up again later',
      'no-gateway': 'no gateway serves its merchant',
      'settled-already': 'settled meanwhile',
    };
    for (const { uuid, result } of results) process.stdout.write(`${uuid}: ${said[result]}\n`);
    if (!reference) process.stdout.write(`${results.length} movement(s) looked up\n`);
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('issue another API token for a merchant')
  .requiredOption('--merchant <id>', 'merchant id (MER…)')
  .option('--json', 'print {"merchantId","apiToken"} as JSON')
  .action(async (options: { merchant: string; json?: boolean }) => {
    const issued = await withStore((store) => createApiToken({ merchants: store.merchants, clock: systemClock }, options.merchant));
    if (!issued) exit(`no merchant ${options.merchant}`);
    process.stdout.write(
      options.json ? `${JSON.stringify({ merchantId: issued.merchant.id, apiToken: issued.apiToken })}\n` : `API token: ${issued.apiToken}\n`,
    );
  });
token
  .command('revoke')
  .description('revoke an API token, named by its first characters (at least 8) or in full')
  .argument('<token-prefix>')
  .action(async (prefix: string) => {
    const result = await withStore((store) => revokeApiToken({ merchants: store.merchants, clock: systemClock }, prefix));
    if (!result.ok) {
      exit(result.reason === 'ambiguous' ? `${result.matches} active tokens start with ${prefix}; give more characters` : `no active token starts with ${prefix}`);
    }
    process.stdout.write(`revoked ${result.prefix}… of merchant ${result.merchantId}\n`);
  });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const user = program.command('user').description('manage dashboard users');
user
  .command('create')
  .description('create a dashboard user; without --password-stdin a password is generated and printed once')
  .requiredOption('--merchant <id>', 'merchant id (MER…)')
  .requiredOption('--email <email>', 'the address the user signs in with')
  .addOption(new Option('--role <role>', 'admins also manage API tokens, the callback secret and users').choices(USER_ROLES).default('staff'))
  .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
  .option('--json', 'print {"merchantId","email","role","password"} as JSON (password only when generated)')
  .action(async (options: { merchant: string; email: string; role: UserRole; passwordStdin?: boolean; json?: boolean }) => {
    const generated = options.passwordStdin ? null : generatePassword();
    const password = generated ?? (await readStdin());
    const created = await withStore((store) =>
      createUser({ users: store.users, merchants: store.merchants, clock: systemClock }, { merchantId: options.merchant, email: options.email, role: options.role, password }),
    );
    if (!created.ok) exit(created.problem);
    const { email, role, merchantId } = created.user;
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ merchantId, email, role, ...(generated ? { password: generated } : {}) })}\n`
        : `user ${email} (${role}) of merchant ${merchantId}${generated ? `\n  Password: ${generated}` : ''}\n`,
    );
  });
user
  .command('disable')
  .description('disable a dashboard user and end their sessions')
  .requiredOption('--email <email>', 'the user\'s address')
  .action(async (options: { email: string }) => {
    const disabled = await withStore((store) => disableUser({ users: store.users, clock: systemClock }, options.email));
    if (!disabled) exit(`no user ${options.email}`);
    process.stdout.write(`disabled ${options.email.trim().toLowerCase()}\n`);
  });

const callbacks = program.command('callbacks').description('work with callbacks');
callbacks
  .command('verify')
  .description("check a received callback URL's checksum, as Front Payment's PHP sample does")
  .requiredOption('--secret <secret>', "the merchant's callback secret (whsec_…)")
  .argument('<url>', 'the full URL (or path and query) the callback was sent to')
  .option('--tolerance <seconds>', 'refuse a timestamp further than this from now', String(DEFAULT_TOLERANCE_SECONDS))
  .option('--ignore-timestamp', 'check an old callback (from a log): skip the timestamp check')
  .option('--json', 'print the result as JSON')
  .action((url: string, options: { secret: string; tolerance: string; ignoreTimestamp?: boolean; json?: boolean }) => {
    if (!/^\d+$/.test(options.tolerance)) exit('--tolerance must be a whole number of seconds');
    const result = verifyCallback(url, options.secret, { toleranceSeconds: options.ignoreTimestamp ? Infinity : Number(options.tolerance) });
    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) {
      const e = result.event;
      process.stdout.write(`valid: ${e.orderUuid} ${e.status} ${e.amount} (${e.paymentMethod}), sent ${new Date(e.timestamp * 1000).toISOString()}\n`);
    } else process.stdout.write(`invalid: ${result.reason}\n`);
    process.exitCode = result.ok ? 0 : 1;
  });

callbacks
  .command('rotate-secret')
  .description('replace a merchant\'s callback secret; the old one keeps signing during the grace period')
  .requiredOption('--merchant <id>', 'merchant id (MER…)')
  .option('--grace <duration>', 'how long the old secret keeps signing, e.g. 0, 1h, 24h, 7d (at most 7d)', '24h')
  .option('--json', 'print {"merchantId","callbackSecret","previousSecretUntil"} as JSON')
  .action(async (options: { merchant: string; grace: string; json?: boolean }) => {
    let graceMs = DEFAULT_GRACE_MS;
    try {
      graceMs = options.grace.trim() === '0' ? 0 : parseDuration(options.grace);
    } catch (error) {
      exit(`--grace: ${(error as Error).message}`);
    }
    if (graceMs > MAX_GRACE_MS) exit('--grace must be at most 7d');
    const rotated = await withStore((store) => rotateCallbackSecret({ merchants: store.merchants, clock: systemClock }, options.merchant, graceMs));
    if (!rotated) exit(`no merchant ${options.merchant}`);
    const until = new Date(rotated.previousUntil).toISOString();
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ merchantId: options.merchant, callbackSecret: rotated.secret, previousSecretUntil: until })}\n`
        : `Callback secret: ${rotated.secret}\n  the previous secret signs too until ${until}\n`,
    );
  });

const ledger = program.command('ledger').description("the merchants' hash-chained history");
ledger
  .command('verify')
  .description('recompute every history chain and name the first event that was edited, deleted, inserted or moved')
  .option('--merchant <id>', 'only this merchant (MER…)')
  .action(async (options: { merchant?: string }) => {
    const reports = await withStore((store) => verifyChains(store.history, options.merchant));
    for (const report of reports) {
      const head = report.head ? `#${report.head.sequence} ${report.head.hash}` : 'empty';
      process.stdout.write(report.problem ? `TAMPERED ${describeProblem(report.merchantId, report.problem)}\n` : `ok ${report.merchantId}: ${report.events} events, head ${head}\n`);
    }
    if (reports.length === 0) process.stdout.write('no history to verify\n');
    process.exitCode = reports.some((report) => report.problem) ? 1 : 0;
  });

await program.parseAsync(process.argv);
