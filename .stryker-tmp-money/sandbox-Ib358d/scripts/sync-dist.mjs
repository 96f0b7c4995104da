// @ts-nocheck
// The part of `npm run build` that tsc does not do; it runs just before `tsc -b tsconfig.build.json`.
//  1. Copies every file under a src/**/assets/ folder to the same place in dist/ (the code reads them through
//     `new URL('./assets/…', import.meta.url)`), and only when its bytes changed.
//  2. Deletes what dist/ holds for sources that are gone (a moved or deleted .ts file, a removed asset), so stale
//     code is never run or packed.
//  3. If a source's compiled output is missing from dist/, deletes dist/.tsbuildinfo: tsc's incremental build
//     trusts that file and would not write the output again. It is deleted too when the installed packages changed
//     since it was written (npm install, npm ci): tsc's incremental check can then keep stale types of a package
//     (seen with a plugin's module augmentation built once while the package was missing).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const buildInfo = join(dist, '.tsbuildinfo'); // tsBuildInfoFile of tsconfig.build.json

const entries = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }) : [])
  .map((entry) => ({ entry, path: join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1) })); // .path: Node < 20.12
const files = (dir) => entries(dir).filter(({ entry }) => entry.isFile()).map(({ path }) => path);
const isAsset = (path) => path.split(sep).slice(0, -1).includes('assets');

const sources = files(src);
const assets = sources.filter(isAsset);
const compiled = sources.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts')).map((path) => path.slice(0, -3));

// What dist/ should hold, besides the build info.
const wanted = new Set(assets);
for (const base of compiled) for (const ext of ['.js', '.d.ts', '.d.ts.map']) wanted.add(base + ext);

for (const path of files(dist)) {
  if (!wanted.has(path) && join(dist, path) !== buildInfo) rmSync(join(dist, path));
}
const folders = entries(dist).filter(({ entry }) => entry.isDirectory()).map(({ path }) => join(dist, path));
for (const folder of folders.sort((a, b) => b.length - a.length)) {
  if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
}
for (const path of assets) {
  const bytes = readFileSync(join(src, path));
  const target = join(dist, path);
  if (existsSync(target) && readFileSync(target).equals(bytes)) continue;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
}
const installed = join(root, 'node_modules', '.package-lock.json');
const packagesChanged = existsSync(buildInfo) && existsSync(installed) && statSync(installed).mtimeMs > statSync(buildInfo).mtimeMs;
if (packagesChanged || compiled.some((base) => !existsSync(join(dist, `${base}.js`)) || !existsSync(join(dist, `${base}.d.ts`)))) {
  rmSync(buildInfo, { force: true });
}
