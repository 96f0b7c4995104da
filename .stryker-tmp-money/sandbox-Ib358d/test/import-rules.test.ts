/**
 * The shape of src/ stays as the README draws it: no import cycle, no two folders importing each
 * other, and every folder imports only the folders the table below allows — the domain
 * (reservations) none of the adapters, the kernel nothing at all.
 */
// @ts-nocheck

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderDependencies, moduleCycles, readImportGraph, twoWayFolders, type ImportGraph } from './support/import-graph.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Folder (or file directly in src/) → what it may import. A new folder must be added here. */
const ALLOWED: Record<string, readonly string[]> = {
  kernel: [],
  validation: ['kernel'],
  idempotency: ['kernel'],
  reservations: ['kernel', 'validation', 'idempotency'],
  merchants: ['kernel', 'validation', 'reservations'],
  callbacks: ['kernel', 'reservations'],
  gateway: ['kernel', 'reservations'],
  audit: ['reservations'],
  metrics: ['reservations'],
  store: ['kernel', 'reservations', 'idempotency', 'audit'],
  checkout: ['kernel', 'validation', 'reservations'],
  identity: ['reservations'],
  http: ['kernel', 'validation', 'idempotency', 'reservations', 'merchants'],
  dashboard: ['kernel', 'idempotency', 'reservations', 'merchants'],
  index: ['kernel', 'callbacks', 'sdk'],
  // At run time only callbacks (verifyCallback); the rest are type-only imports of the request and answer schemas.
  sdk: ['callbacks', 'http', 'merchants', 'reservations'],
  config: ['kernel', 'idempotency', 'callbacks', 'store', 'identity'],
  server: ['kernel', 'reservations', 'merchants', 'callbacks', 'gateway', 'store', 'checkout', 'http', 'dashboard', 'metrics', 'config', 'identity'],
  cli: ['kernel', 'reservations', 'merchants', 'callbacks', 'audit', 'store', 'config', 'server'],
};

function forbiddenImports(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [folder, targets] of folderDependencies(graph)) {
    const allowed = ALLOWED[folder];
    if (!allowed) {
      problems.push(`${folder} is not in the table of allowed imports`);
      continue;
    }
    for (const target of targets) if (!allowed.includes(target)) problems.push(`${folder} imports ${target}`);
  }
  return problems;
}

describe('the import graph of src/', () => {
  const graph = readImportGraph(SRC);

  it('reads every module and its imports', () => {
    expect(graph.edges.size).toBeGreaterThan(50);
    expect(graph.edges.get('reservations/capture-reservation.ts')).toContain('reservations/money-movement.ts');
  });

  it('has no import cycle', () => {
    expect(moduleCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('has no pair of folders importing each other', () => {
    expect(twoWayFolders(graph)).toEqual([]);
  });

  it('imports only in the allowed directions', () => {
    expect(forbiddenImports(graph)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const graphOf = (edges: Record<string, string[]>): ImportGraph => ({ edges: new Map(Object.entries(edges)), lines: new Map() });

  it('find a cycle through several modules', () => {
    const graph = graphOf({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['a/z.ts'], 'a/z.ts': ['a/x.ts'] });
    expect(moduleCycles(graph)).toEqual([['a/x.ts', 'b/y.ts', 'a/z.ts', 'a/x.ts']]);
    expect(twoWayFolders(graph)).toEqual(['a ↔ b']);
  });

  it('refuse the domain importing the HTTP adapter, and a folder missing from the table', () => {
    const graph = graphOf({ 'reservations/ledger.ts': ['http/reply.ts'], 'http/reply.ts': [], 'newthing/a.ts': [] });
    expect(forbiddenImports(graph)).toEqual(['reservations imports http', 'newthing is not in the table of allowed imports']);
  });
});
