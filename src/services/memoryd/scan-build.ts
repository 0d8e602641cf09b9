/**
 * Compiles scan.wat into scan-wasm.ts (the module's bytes, base64), so memoryd needs no
 * WebAssembly toolchain at run time. Run after editing scan.wat; scan.test.ts fails until then.
 *
 *   node src/services/memoryd/scan-build.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function compileScan(): Promise<Uint8Array> {
  const wabt = await (await import('wabt')).default();
  const module = wabt.parseWat('scan.wat', readFileSync(join(import.meta.dirname, 'scan.wat'), 'utf8'));
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

if (import.meta.main) {
  const base64 = Buffer.from(await compileScan()).toString('base64');
  writeFileSync(
    join(import.meta.dirname, 'scan-wasm.ts'),
    `/** scan.wat compiled by scan-build.ts: generated, do not edit. */\nexport const SCAN_WASM =\n  '${base64}';\n`,
  );
}
