/**
 * GATEWAY: the card gateway live merchants pay through. `none` (the default) leaves them without
 * one — they can neither be created nor paid. Otherwise it names a module (a file path or a
 * package) whose `createGateway(env)` (or default export) returns a PaymentGateway: the adapter of
 * a real PSP, kept outside fpgo. The built-in test gateway serves test merchants only, whatever this says.
 */
// @ts-nocheck

import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PaymentGateway } from '../reservations/ports.js';

const METHODS = ['authorize', 'capture', 'charge', 'refund', 'void', 'lookup'] as const;

export class GatewayLoadError extends Error {}

export async function loadLiveGateway(spec: string, env: NodeJS.ProcessEnv = process.env): Promise<PaymentGateway | null> {
  if (spec === 'none') return null;
  const specifier = spec.startsWith('.') || isAbsolute(spec) ? pathToFileURL(resolve(spec)).href : spec;
  let module: { createGateway?: unknown; default?: unknown };
  try {
    module = (await import(specifier)) as typeof module;
  } catch (error) {
    throw new GatewayLoadError(`GATEWAY: cannot load ${spec}: ${(error as Error).message}`);
  }
  const create = module.createGateway ?? module.default;
  if (typeof create !== 'function') throw new GatewayLoadError(`GATEWAY: ${spec} exports no createGateway function`);
  const gateway = (await create(env)) as Partial<PaymentGateway> | null;
  const missing = METHODS.filter((method) => typeof gateway?.[method] !== 'function');
  if (missing.length) throw new GatewayLoadError(`GATEWAY: the gateway of ${spec} lacks ${missing.join(', ')}`);
  return gateway as PaymentGateway;
}
