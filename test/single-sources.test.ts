/**
 * Facts with one home stay there: syscall numbers come from the syscall table (through the
 * generated src/kernel/syscall-numbers.ts), never restated in the runtime or the SDK; runtime
 * tiers are listed only in src/kernel/runtimes.ts, risk levels only in src/kernel/risk.ts, and
 * init's pid is INIT_PID (src/kernel/params.ts), never a bare 1; right names and the token-scope
 * grammar are spelled out only in src/kernel/rights.ts and src/kernel/scope.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { RUNTIME_TIERS } from '../src/kernel/runtimes.ts';
import { WOULD_BLOCK_OFFSET } from '../src/kernel/syscall-def.ts';
import { SYSCALLS } from '../src/kernel/syscalls.ts';
import { ROOT } from './helpers/env.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The file's lines with comments blanked (line numbers kept). */
function codeLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .split('\n');
}

/** Where a line of `files` breaks `rule` (a message), as "path:line: message". */
function offences(files: string[], rule: (line: string) => string | undefined): string[] {
  const found: string[] = [];
  for (const file of files) {
    codeLines(file).forEach((line, i) => {
      const why = rule(line);
      if (why) found.push(`${relative(ROOT, file)}:${i + 1}: ${why}`);
    });
  }
  return found;
}

const RUNTIME_AND_SDK = [...sources(join(ROOT, 'src', 'runtime')), ...sources(join(ROOT, 'src', 'sdk'))];

test('the runtime and the SDK restate no syscall number', () => {
  const numbered = SYSCALLS.map((s) => ({
    name: new RegExp(`\\b${s.name}\\b`),
    numbers: new RegExp(`(?<![\\w.])(${s.no}|${s.no + WOULD_BLOCK_OFFSET})(?![\\w.])`),
    label: s.name,
  }));
  const found = offences(RUNTIME_AND_SDK, (line) => {
    for (const s of numbered) {
      if (s.name.test(line) && s.numbers.test(line)) return `'${s.label}' beside its number`;
    }
    if (/\bno\s*[!=]==?\s*\d/.test(line)) return 'a syscall number compared with a literal';
    if (new RegExp(`\\+\\s*${WOULD_BLOCK_OFFSET}\\b`).test(line)) return 'the would-block slot rule restated';
    return undefined;
  });
  assert.deepEqual(found, [], 'take syscall numbers from src/kernel/syscall-numbers.ts');
});

test('the runtime names call ops by OP, never by number', () => {
  const literal = [
    /\b(?:call|invoke|send|#?forward)\(\s*[0-4]\s*,/, // forward(1, 'channel_read', …)
    /\[\s*[0-4],\s*'[a-z_]+'/, // forward.apply(undefined, [3, 'lease_result', …])
    /\bop === [1-4]\b/,
  ];
  const found = offences(RUNTIME_AND_SDK, (line) =>
    literal.some((r) => r.test(line)) ? 'a call op as a number' : undefined,
  );
  assert.deepEqual(found, [], 'use OP from src/runtime/op.ts');
});

test('runtime tiers are listed only in src/kernel/runtimes.ts', () => {
  const tier = `(?:${RUNTIME_TIERS.join('|')})`;
  const lists = [
    // a union type or an array of them: 'isolate' | 'wasm', ['builtin', 'isolate']
    new RegExp(`'${tier}'\\s*[|,]\\s*'${tier}'`),
    // a schema enum: enum:builtin|isolate
    new RegExp(`\\b${tier}\\|${tier}\\b`),
    // prose in a message: builtin, isolate, wasm or process
    new RegExp(`\\b${tier}, ${tier}(?:,| or| and)`),
  ];
  const home = join(ROOT, 'src', 'kernel', 'runtimes.ts');
  const files = sources(join(ROOT, 'src')).filter((f) => f !== home);
  const found = offences(files, (line) =>
    lists.some((list) => list.test(line)) ? 'a list of runtime tiers' : undefined,
  );
  assert.deepEqual(found, [], 'import the list from src/kernel/runtimes.ts');
});

test('risk levels are defined only in src/kernel/risk.ts', () => {
  const restated = [
    /\bfunction maxRisk\b/, // its two meanings are riskAllowedBy and higherRisk
    /'read-only',\s*'/, // the words of each level
    /\.min\(0\)\.max\(3\)/, // a schema of the levels
    /\bRISK_RIGHTS\s*=/,
    /\brisk\s*>\s*3\b|\b0 read-only, 1\b/, // the top level or the scale in words
  ];
  const home = join(ROOT, 'src', 'kernel', 'risk.ts');
  // The dashboard's too: it shows each step's risk in the kernel's words.
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'web', 'src'))].filter(
    (f) => f !== home,
  );
  const found = offences(files, (line) =>
    restated.some((r) => r.test(line)) ? 'risk levels restated' : undefined,
  );
  assert.deepEqual(found, [], 'import them from src/kernel/risk.ts');
});

test("init's pid is INIT_PID, never a bare 1", () => {
  const literal = [
    /\.pid\s*[!=]==?\s*1\b/, // agent.pid === 1
    /\bpid:\s*1\b/, // { pid: 1, handle }
    /\b(?:syscall|required|liveAgent|processes\.get)\(\s*1\s*[,)]/, // k.syscall(1, …), processes.required(1)
    /\.table,\s*1,/, // handles.install(init.table, 1, …)
  ];
  // Tools act on the host, whose pid 1 is the host's own init.
  const files = sources(join(ROOT, 'src')).filter((f) => !f.startsWith(join(ROOT, 'src', 'tools')));
  const found = offences(files, (line) =>
    literal.some((r) => r.test(line)) ? "init's pid as a literal" : undefined,
  );
  assert.deepEqual(found, [], 'use INIT_PID from src/kernel/params.ts');
});

test('right names and the scope grammar are spelled out only in their homes', () => {
  const restated: [RegExp, string][] = [
    [/\bagent:\[1-9\]/, 'the scope grammar'],
    [/agent:<pid> or resource:/, 'the scope grammar in words'],
    [/'read',\s*'write'|\bread, write, duplicate\b/, 'a list of right names'],
  ];
  const homes = [
    join(ROOT, 'src', 'kernel', 'scope.ts'),
    join(ROOT, 'src', 'kernel', 'rights.ts'),
    // a service's access levels (read, write, admin on a connection) are not kernel rights
    join(ROOT, 'src', 'services', 'declare.ts'),
  ];
  const files = sources(join(ROOT, 'src')).filter((f) => !homes.includes(f));
  const found = offences(files, (line) => restated.find(([r]) => r.test(line))?.[1]);
  assert.deepEqual(found, [], 'import them from src/kernel/rights.ts and src/kernel/scope.ts');
});
