/**
 * The import graph of src/: which module imports which (type-only imports included: they tie the
 * design together just as much), and the folder ("concept") each module belongs to.
 */
// @ts-nocheck

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** Module path relative to src/ ("reservations/ledger.ts") → the src modules it imports. */
  edges: Map<string, string[]>;
  lines: Map<string, number>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

export function readImportGraph(srcDir: string): ImportGraph {
  const edges = new Map<string, string[]>();
  const lines = new Map<string, number>();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const from = relative(srcDir, file).split(sep).join('/');
    lines.set(from, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    const imported = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((ref) => ref.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(srcDir, resolve(dirname(file), name)).split(sep).join('/').replace(/\.js$/, '.ts'));
    edges.set(from, [...new Set(imported)]);
  }
  return { edges, lines };
}

/** "reservations/ledger.ts" → "reservations"; a file directly in src/ is its own unit ("server"). */
export function folderOf(module: string): string {
  const [first, ...rest] = module.split('/');
  return rest.length ? first! : first!.replace(/\.ts$/, '');
}

/** Every cycle between modules, each as the path that closes it (a → b → a). */
export function moduleCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (module: string) => {
    state.set(module, 'open');
    stack.push(module);
    for (const next of graph.edges.get(module) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(module, 'done');
  };
  for (const module of graph.edges.keys()) if (!state.has(module)) visit(module);
  return cycles;
}

/** Folder → the other folders its modules import. */
export function folderDependencies(graph: ImportGraph): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of graph.edges) {
    const own = folderOf(from);
    const set = folders.get(own) ?? new Set<string>();
    for (const target of targets) if (folderOf(target) !== own) set.add(folderOf(target));
    folders.set(own, set);
  }
  return folders;
}

/** Pairs of folders that import each other ("a ↔ b"). */
export function twoWayFolders(graph: ImportGraph): string[] {
  const deps = folderDependencies(graph);
  const pairs: string[] = [];
  for (const [a, targets] of deps) for (const b of targets) if (a < b && deps.get(b)?.has(a)) pairs.push(`${a} ↔ ${b}`);
  return pairs;
}
