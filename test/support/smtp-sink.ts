/** A real SMTP server (smtp-server) on loopback; every accepted email is parsed with mailparser. */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  rcpt: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  emails: ReceivedEmail[];
  /** Resolves once `count` emails to `address` have been accepted. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  to(address: string): ReceivedEmail[];
  close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const emails: ReceivedEmail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          emails.push({
            rcpt: session.envelope.rcptTo.map((a) => a.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
          });
          callback();
          for (const waiter of waiters) waiter();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.server.address() as AddressInfo).port;
  const to = (address: string) => emails.filter((email) => email.rcpt.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    emails,
    to,
    waitFor(address, count = 1, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (to(address).length >= count) {
            done();
            resolve(to(address));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${address} received ${to(address).length} of ${count} emails within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
