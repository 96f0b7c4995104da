/** A real SMTP server (smtp-server) on loopback; every accepted email is parsed with mailparser. */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Arrivals } from './arrivals.js';

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
  const arrivals = new Arrivals();
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
          arrivals.arrived();
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
      return arrivals.waitFor(() => to(address), count, timeoutMs, (got) => `${address} received ${got} of ${count} emails within ${timeoutMs} ms`);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
