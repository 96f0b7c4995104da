/** What the SDK throws: FPGO's error envelope as an error, or a request that got no answer. */
// @ts-nocheck


/** fpgo answered with an error envelope. `message` is FPGO's message key (e.g. `reservationNotFound`). */
export class FpgoError extends Error {
  override readonly name = 'FpgoError';
  constructor(
    /** The HTTP status, equal to the envelope's status_code. */
    readonly status_code: number,
    readonly status_message: string,
    message: string,
    /** The envelope's `errors`: sentences for a 417, details otherwise, or null. */
    readonly errors: unknown,
    /** The answer as received. */
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** No answer came: the connection failed or the request timed out, on every attempt. */
export class FpgoConnectionError extends Error {
  override readonly name = 'FpgoConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
