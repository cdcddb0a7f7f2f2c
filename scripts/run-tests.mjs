#!/usr/bin/env node
// `npm test`: bundle the TypeScript test runner (scripts/test-runner/*.ts) with esbuild and run it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTFILE = path.join(ROOT, 'dist', 'test-runner.mjs');

try {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'scripts', 'test-runner', 'main.ts')],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
} catch (e) {
  console.error(`run-tests: cannot bundle scripts/test-runner/main.ts: ${e?.message ?? e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Cache-bust so a re-bundled runner is always the one imported.
const { main } = await import(`${pathToFileURL(OUTFILE).href}?t=${Date.now()}`);
process.exitCode = await main({ root: ROOT });
