// @ts-nocheck
import { HTTP_FAILURES, type HttpFailureKey } from './messages.js';

/** A failure of the HTTP layer (401, 413, 429, …), thrown from hooks and turned into the envelope once. */
export class HttpProblem extends Error {
  readonly statusCode: number;

  constructor(
    readonly key: HttpFailureKey,
    readonly errors: unknown = [HTTP_FAILURES[key].sentence],
  ) {
    super(key);
    this.statusCode = HTTP_FAILURES[key].status;
  }
}
