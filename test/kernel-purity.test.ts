/**
 * The kernel is pure: it imports nothing outside src/kernel (no node:*, no packages) and
 * reads no clock or randomness; time and entropy come in through KernelPorts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers/env.ts';

const KERNEL = join(ROOT, 'src', 'kernel');

function kernelFiles(dir = KERNEL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return kernelFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function code(path: string): string {
  // Drop comments and string contents of doc examples; keep import specifiers.
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

test('src/kernel imports only files inside src/kernel', () => {
  const files = kernelFiles();
  assert.ok(files.length > 10, 'kernel files found');
  for (const file of files) {
    for (const m of code(file).matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2];
      assert.ok(
        spec.startsWith('.'),
        `${relative(ROOT, file)} imports '${spec}', which is not a kernel file`,
      );
      const target = resolve(dirname(file), spec);
      assert.ok(
        target.startsWith(KERNEL + '/'),
        `${relative(ROOT, file)} imports '${spec}' from outside src/kernel`,
      );
    }
  }
});

test('src/kernel calls no clock, random source, timer or host API', () => {
  const forbidden = [
    /\bDate\.now\s*\(/,
    /\bnew Date\s*\(/,
    /\bMath\.random\s*\(/,
    /\bperformance\./,
    /(?<![/'"])\bprocess\.(?!ts)/,
    /\bsetTimeout\s*\(/,
    /\bsetInterval\s*\(/,
    /\bsetImmediate\s*\(/,
    /\bcrypto\./,
    /(?<!\.)\brequire\s*\(/,
    /(?<!\.)\bfetch\s*\(/,
    /\bglobalThis\b/,
  ];
  for (const file of kernelFiles()) {
    const text = code(file);
    for (const pattern of forbidden) {
      assert.ok(!pattern.test(text), `${relative(ROOT, file)} uses ${pattern.source}`);
    }
  }
});
