/**
 * Builds every examples/agents/*.wat into examples/agents/build/*.wasm with wabt (the
 * WebAssembly Binary Toolkit, compiled to JavaScript, from the npm registry). Runs from
 * `npm install` (prepare) and before `npm test`; nothing else is needed.
 *
 *   node scripts/build-wasm.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'examples', 'agents');
const out = join(dir, 'build');

let wabtFactory:
  | (() => Promise<{
      parseWat(name: string, text: string): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
    }>)
  | undefined;
try {
  wabtFactory = (await import('wabt')).default as typeof wabtFactory;
} catch {
  console.error('build-wasm: wabt is not installed (a dev dependency); skipping the WebAssembly examples');
  process.exit(0);
}
const wabt = await wabtFactory!();
mkdirSync(out, { recursive: true });
for (const file of readdirSync(dir).filter((f) => f.endsWith('.wat'))) {
  const module = wabt.parseWat(file, readFileSync(join(dir, file), 'utf8'));
  try {
    const { buffer } = module.toBinary({});
    writeFileSync(join(out, file.replace(/\.wat$/, '.wasm')), buffer);
  } finally {
    module.destroy();
  }
}
