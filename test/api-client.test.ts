/**
 * A TypeScript client generated from the served OpenAPI document (openapi-typescript, then
 * openapi-fetch) type-checks and runs the README's API example against a real server on
 * 127.0.0.1; a call the document forbids does not type-check.
 *
 * openapi-typescript builds its output with TypeScript 5's compiler API, which TypeScript 7
 * (the project's tsc) no longer has: it gets TypeScript 5 (the typescript5 devDependency)
 * through a module resolve hook, for this test only.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { OpenAPI3 } from 'openapi-typescript';
import { closeServer, serveTcp } from '../src/api/server.ts';
import { bootApi } from './helpers/api.ts';
import { ROOT } from './helpers/env.ts';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'typescript' && context.parentURL?.includes('/openapi-typescript/')) {
      return next('typescript5', context);
    }
    return next(specifier, context);
  },
});

/** The README's TypeScript example: the first ```ts block after the openapi-typescript line. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('npx openapi-typescript');
  assert.ok(from >= 0, 'the README shows how to generate the client');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(from));
  assert.ok(block, 'the README has a TypeScript API example');
  return block[1];
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
  });
}

test('a client generated from the document type-checks and runs the README example', async (t) => {
  const api = await bootApi(t);
  const server = await serveTcp(api.tcp, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const doc = (await (await fetch(`${url}/openapi.json`)).json()) as OpenAPI3;

  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const dir = api.env.dir;
  writeFileSync(join(dir, 'aios-api.d.ts'), astToString(await openapiTS(doc)));
  writeFileSync(join(dir, 'example.ts'), readmeExample());
  writeFileSync(
    join(dir, 'wrong.ts'),
    `import createClient from 'openapi-fetch';
import type { paths } from './aios-api.d.ts';
const aios = createClient<paths>({ baseUrl: '' });
await aios.POST('/v1/tokens', { body: { ttlMs: 5 } }); // no rights
await aios.GET('/v1/agents/{pid}', { params: { path: { pid: 'one' } } });
await aios.GET('/v1/no-such-route');
`,
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const flags = [
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--pretty',
    'false',
    '--target',
    'es2024',
    '--module',
    'nodenext',
    '--types',
    'node',
  ];
  const env = { ...api.env.env, AIOS_URL: url, AIOS_TOKEN: api.mint('all') };

  // one run over both files: the example must have no error, the wrong calls one each
  const checked = await run(tsc, [...flags, 'example.ts', 'wrong.ts'], { cwd: dir, env });
  assert.notEqual(checked.code, 0, 'calls the document forbids do not type-check');
  const errors = checked.out.split('\n').filter((l) => /error TS\d+/.test(l));
  assert.deepEqual(
    errors.filter((l) => !l.startsWith('wrong.ts')),
    [],
    `the README example type-checks:\n${checked.out}`,
  );
  for (const line of [4, 5, 6]) {
    assert.ok(
      errors.some((l) => l.startsWith(`wrong.ts(${line},`)),
      `wrong.ts line ${line} is refused:\n${checked.out}`,
    );
  }

  const ran = await run(process.execPath, ['example.ts'], { cwd: dir, env });
  assert.equal(ran.code, 0, ran.out);
  assert.match(ran.out, /^aios 0\.1\.0: \d+ agents$/m);
  assert.match(ran.out, /^1 init running$/m);
  assert.match(ran.out, /^read-only token [0-9a-f]{32}$/m);
  assert.match(ran.out, /^suspend init: 409 init cannot be suspended/m);
});
