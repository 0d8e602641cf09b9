/**
 * Hostile agents that try to leave their isolate: Node modules, host globals, the host's
 * constructors through the os object, files, the network. Each must fail in the exact way
 * asserted; afterwards the system and a bystander agent are unharmed and the journal holds
 * the agent's end.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { exitWith, useHostile } from './harness.ts';

describe('hostile agents: escaping the isolate', () => {
  const system = useHostile();

  const expectError = async (name: string, source: string, message: RegExp) => {
    const { pid, exit } = await system().run(name, source);
    assert.equal(exit.reason, 'error', `${name}: ${exit.message}`);
    assert.match(exit.message ?? '', message);
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('error'));
    return exit;
  };

  const expectResult = async (name: string, source: string) => {
    const { pid, exit } = await system().run(name, source);
    assert.equal(exit.reason, 'normal', `${name}: ${exit.message}`);
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('normal'));
    return JSON.parse(exit.result!);
  };

  it('cannot import node:fs to read /etc/passwd', async () => {
    await expectError(
      'import-fs.js',
      `import { readFileSync } from 'node:fs';
       export default async () => readFileSync('/etc/passwd', 'utf8');`,
      /^Cannot import 'node:fs': agents in an isolate may import only files beside them/,
    );
  });

  it('cannot import("node:fs") at run time', async () => {
    await expectError(
      'dynamic-fs.js',
      `export default async () => { const fs = await import(['node', 'fs'].join(':')); return fs.readFileSync('/etc/passwd', 'utf8'); }`,
      /^Not supported$/,
    );
  });

  it("cannot read a file in the test's directory, statically or at run time", async () => {
    system().writeOutside('secret.js', 'export default "the secret";');
    await expectError(
      'static-secret.js',
      `import secret from '../secret.js'; export default async () => secret;`,
      /^Cannot import '\.\.\/secret\.js': it is outside the agent's folder/,
    );
    await expectError(
      'dynamic-secret.js',
      `export default async () => (await import(['..', 'secret.js'].join('/'))).default;`,
      /^Not supported$/,
    );
  });

  it('cannot write a file outside its folder (or anywhere)', async () => {
    await expectError(
      'write-fs.js',
      `import { writeFileSync } from 'node:fs';
       export default async () => writeFileSync('../escaped.txt', 'x');`,
      /^Cannot import 'node:fs'/,
    );
    await expectError(
      'write-fs-promises.js',
      `export default async () => { const fs = await import(['node', 'fs/promises'].join(':')); await fs.writeFile('../escaped.txt', 'x'); }`,
      /^Not supported$/,
    );
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    assert.equal(existsSync(join(system().env.dir, 'escaped.txt')), false);
  });

  it('cannot import a file outside its folder', async () => {
    await expectError(
      'outside.js',
      `import x from '../../../../etc/passwd';
       export default async () => x;`,
      /^Cannot import '\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd': it is outside the agent's folder/,
    );
  });

  it('cannot reach a package', async () => {
    await expectError(
      'package.js',
      `import { z } from 'zod'; export default async () => typeof z;`,
      /^Cannot import 'zod'/,
    );
  });

  it('has no process, so no process.binding', async () => {
    await expectError(
      'binding.js',
      `export default async () => process.binding('fs');`,
      /^process is not defined$/,
    );
  });

  it('has no require', async () => {
    await expectError(
      'require.js',
      `export default async () => require(['child', 'process'].join('_'));`,
      /^Dynamic require of "child_process" is not supported$/,
    );
  });

  it("new Function('return this')() is the isolate's own bare global", async () => {
    const names = await expectResult(
      'function-this.js',
      `export default async () => {
         const g = new Function('return this')();
         return ['process', 'require', 'module', 'Buffer', 'fetch', 'setTimeout', 'setInterval', 'setImmediate',
                 'XMLHttpRequest', 'WebSocket', 'Deno', 'Bun', 'global', 'navigator', 'importScripts']
           .filter((n) => typeof g[n] !== 'undefined');
       }`,
    );
    assert.deepEqual(names, []);
  });

  it("cannot reach the host through the os object's constructors", async () => {
    await expectError(
      'os-constructor.js',
      `export default async (os) => os.constructor.constructor('return process')().pid;`,
      /^process is not defined$/,
    );
    await expectError(
      'sdk-function-constructor.js',
      `export default async (os) => Object.getPrototypeOf(os.ipc.send).constructor('return require')()('fs');`,
      /^require is not defined$/,
    );
  });

  it("finds only the isolate's own objects on the os object's prototype chain", async () => {
    const found = await expectResult(
      'os-prototype.js',
      `export default async (os) => {
         const seen = [];
         for (let p = os; p; p = Object.getPrototypeOf(p)) seen.push(Object.getOwnPropertyNames(p).length);
         const leaks = [];
         const walk = (o, depth) => {
           if (!o || depth > 3 || (typeof o !== 'object' && typeof o !== 'function')) return;
           for (const k of Object.getOwnPropertyNames(o)) {
             let v; try { v = o[k]; } catch { continue; }
             // a service client (os.memory) answers every name with a call to that operation
             if (v && typeof v['no such operation'] === 'function') continue;
             if (v && (v.constructor?.name === 'Reference' || typeof v?.applySync === 'function' || typeof v?.deref === 'function')) leaks.push(k);
             walk(v, depth + 1);
           }
         };
         walk(os, 0);
         const fromError = (() => { try { null.x; } catch (e) { return e.constructor.constructor('return typeof process')(); } })();
         return { leaks, fromError, protoIsObject: Object.getPrototypeOf(os) === Object.prototype };
       }`,
    );
    assert.deepEqual(found, { leaks: [], fromError: 'undefined', protoIsObject: true });
  });

  it('cannot fetch or open a socket to a server on loopback, which sees no request', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await expectError(
        'fetch.js',
        `export default async () => (await fetch('http://127.0.0.1:${port}/')).text();`,
        /^fetch is not defined$/,
      );
      await expectError(
        'socket.js',
        `export default async () => { const s = new WebSocket('ws://127.0.0.1:${port}/'); return 1; }`,
        /^WebSocket is not defined$/,
      );
      await expectError(
        'net.js',
        `import net from 'node:net'; export default async () => net.connect(${port}, '127.0.0.1');`,
        /^Cannot import 'node:net'/,
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
    assert.equal(requests, 0);
  });

  it('has no timers of its own', async () => {
    await expectError(
      'timer.js',
      `export default async () => setTimeout(() => {}, 1);`,
      /^setTimeout is not defined$/,
    );
  });

  it('changing its own built-ins does not touch another agent', async () => {
    await expectResult(
      'pollute.js',
      `export default async () => { Object.prototype.polluted = 'yes'; Array.prototype.push = null; return 1; }`,
    );
    const clean = await expectResult(
      'clean.js',
      `export default async () => [({}).polluted === undefined, typeof [].push];`,
    );
    assert.deepEqual(clean, [true, 'function']);
  });
});
