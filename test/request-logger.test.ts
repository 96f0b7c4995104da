import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyRequestLogger } from '../src/http/request-logger.js';

function capturedLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level, base: { service: 'fpgo' } }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let children = 0;
  const parent = Object.assign(Object.create(logger) as FastifyBaseLogger, {
    child: (...args: Parameters<FastifyBaseLogger['child']>) => {
      children++;
      return logger.child(...args);
    },
  });
  return { lines, parent, children: () => children };
}

describe('the request logger', () => {
  it('writes each line with the request id and the server logger’s own fields', () => {
    const { lines, parent } = capturedLogger();
    const log = lazyRequestLogger(parent, { reqId: 'req-1' }, {});
    log.warn({ reason: 'timeout' }, 'BankID login could not start');
    log.error(new Error('boom'));
    log.debug('not at info');
    expect(lines).toMatchObject([
      { level: 40, service: 'fpgo', reqId: 'req-1', reason: 'timeout', msg: 'BankID login could not start' },
      { level: 50, reqId: 'req-1', err: { message: 'boom' } },
    ]);
  });

  it('makes its child logger only when the request logs, and only once', () => {
    const { parent, children } = capturedLogger();
    const quiet = lazyRequestLogger(parent, { reqId: 'req-2' }, {});
    expect(quiet.level).toBe('info');
    expect(children()).toBe(0);
    const talkative = lazyRequestLogger(parent, { reqId: 'req-3' }, {});
    talkative.info('one');
    talkative.info('two');
    expect(children()).toBe(1);
  });

  it('honours a level given for the request, and a level set later', () => {
    const { lines, parent } = capturedLogger();
    const log = lazyRequestLogger(parent, { reqId: 'req-4' }, { level: 'warn' });
    expect(log.level).toBe('warn');
    log.info('dropped');
    log.level = 'debug';
    log.debug('kept');
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
  });

  it('gives children that keep the request id', () => {
    const { lines, parent } = capturedLogger();
    lazyRequestLogger(parent, { reqId: 'req-5' }, {}).child({ step: 'gateway' }).info('authorised');
    expect(lines).toMatchObject([{ reqId: 'req-5', step: 'gateway', msg: 'authorised' }]);
  });
});
