/** The development outbox as a transport: test merchants' messages are kept, rendered, for /dev/outbox and the API, when no real transport is configured. */
import type { Clock, DevOutbox, MessageTransport, OutgoingMessage } from '../reservations/ports.js';
import type { SendResult } from '../reservations/notification.js';

export class DevOutboxTransport implements MessageTransport {
  constructor(
    private readonly outbox: DevOutbox,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const started = performance.now();
    await this.outbox.keep(message, this.clock.now());
    return { outcome: 'sent', providerReference: null, durationMs: Math.round(performance.now() - started) };
  }
}
