/** Runs the real `fpgo` command line as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const FPGO_BIN = fileURLToPath(new URL('../../bin/fpgo.mjs', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr (no polling). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The Node flags of `npm start` (package.json: `node FLAGS bin/fpgo.mjs start`), to start the server as it does. */
export function npmStartNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts.start!.split(/\s+/);
  if (words[0] !== 'node' || words.at(-2) !== 'bin/fpgo.mjs' || words.at(-1) !== 'start') throw new Error(`npm start is not \`node … bin/fpgo.mjs start\`: ${scripts.start}`);
  return words.slice(1, -2);
}

export function startFpgo(args: string[], env: Record<string, string>, nodeFlags: readonly string[] = []): RunningProcess {
  const child = spawn(process.execPath, [...nodeFlags, FPGO_BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (child.exitCode !== null) {
            done();
            reject(new Error(`fpgo exited (${child.exitCode}) before printing ${pattern}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fpgo did not print ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs a command to completion. */
export async function runFpgo(args: string[], env: Record<string, string>) {
  const run = startFpgo(args, env);
  const { code } = await run.exited;
  return { code, output: run.output() };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  process: RunningProcess;
  url: string;
  /** The demo merchant's token, when this start created it. */
  token: string | undefined;
  /** SIGKILLs the server unless it has already exited. */
  kill(): Promise<void>;
}

/** `fpgo start` on a free port against `databaseUrl`, ready once it serves. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = startFpgo(['start'], { DATABASE_URL: databaseUrl, PORT: String(port), PUBLIC_BASE_URL: url, RATE_LIMIT_PER_MINUTE: '0', ...env });
  const kill = async () => {
    if (process.child.exitCode === null && process.child.signalCode === null) {
      process.child.kill('SIGKILL');
      await process.exited;
    }
  };
  try {
    await process.waitFor(/fpgo is serving/);
  } catch (error) {
    await kill();
    throw error;
  }
  return { process, url, token: process.output().match(/Demo API token:\s+(\S+)/)?.[1], kill };
}
