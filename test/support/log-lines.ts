/** A logger whose lines land in `lines`, for tests that read what the server logged. */
import { Writable } from 'node:stream';
import pino, { type Logger, type Level } from 'pino';

export function loggerInto(lines: string[], level: Level = 'info'): Logger {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pino({ level }, sink);
}
