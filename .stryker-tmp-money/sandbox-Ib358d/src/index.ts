/**
 * The package's public entry (`import { Fpgo, verifyCallback } from 'fpgo'`), for merchants' Node code. It must import
 * nothing but Node's built-ins, transitively: a merchant installs fpgo for this without running its server
 * (test/package-export.test.ts loads it with no node_modules beside it).
 */
// @ts-nocheck

export { verifyCallback, type CallbackEvent, type VerifyOptions, type VerifyResult } from './callbacks/verify-callback.js';
export * from './sdk/index.js';
