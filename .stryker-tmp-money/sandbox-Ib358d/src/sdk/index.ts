/** The TypeScript SDK (`import { Fpgo } from 'fpgo'` or `'fpgo/sdk'`): runs on Node 20's fetch, needs nothing else. */
// @ts-nocheck

export { Fpgo, type FpgoOptions, type RequestOptions } from './client.js';
export { FpgoConnectionError, FpgoError } from './errors.js';
export type * from './types.js';
