/**
 * "make a file hello.py that prints hello" writes a program that prints hello: each request,
 * written apart from any evaluation set, is translated, the file it writes is written, and
 * the program is run with the interpreter or compiler this machine has; what it prints must be
 * what was asked. A text file asked to say something still holds the words.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../../test/helpers/env.ts';
import { OfflineTranslator } from '../translator.ts';

/** How to run a file of each language, where this machine can: the command and its arguments. */
function runner(path: string, dir: string): [string, string[]] | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  const has = (bin: string) =>
    ['/usr/bin', '/usr/local/bin', '/bin'].some((d) => existsSync(join(d, bin))) || whichable(bin);
  switch (ext) {
    case 'py':
      return has('python3') ? ['python3', [path]] : undefined;
    case 'js':
    case 'mjs':
      return [process.execPath, [path]];
    case 'ts':
      return [process.execPath, [path]];
    case 'sh':
      return ['sh', [path]];
    case 'pl':
      return has('perl') ? ['perl', [path]] : undefined;
    case 'c':
      if (!has('cc')) return undefined;
      execFileSync('cc', ['-o', join(dir, 'a.out'), path]);
      return [join(dir, 'a.out'), []];
    default:
      return undefined;
  }
}

function whichable(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const PROGRAMS: [request: string, prints: string][] = [
  ['make a file hello.py that prints hello', 'hello'],
  ['create a python script called hi.py that prints hi there', 'hi there'],
  ['write greet.py which prints "Good morning, Ada!"', 'Good morning, Ada!'],
  ['new file quote.py that outputs it\'s "quoted"', 'it\'s "quoted"'],
  ['make hello.js that logs hello from node', 'hello from node'],
  ['create app.mjs which prints ready', 'ready'],
  ["write app.ts that prints 'ready'", 'ready'],
  ['write a bash script run.sh that echoes done', 'done'],
  ["make hello.sh that prints it's ok", "it's ok"],
  ['create a shell script say.sh that says $HOME is not expanded', '$HOME is not expanded'],
  ['make a perl script hi.pl that prints hi perl', 'hi perl'],
  ['create a c program hello.c that prints hello c', 'hello c'],
  ['pls make a file called shout.py that just prints HEY', 'HEY'],
  ['could you create tiny.js that simply prints 42', '42'],
  ['make a file hello.py in docs that prints hello docs', 'hello docs'],
];

test('a source file asked to print something is a program that prints it', async (t) => {
  const env = testEnv(t);
  const cwd = join(env.dir, 'work');
  mkdirSync(join(cwd, 'docs'), { recursive: true });
  const translator = new OfflineTranslator();
  let ran = 0;
  for (const [request, prints] of PROGRAMS) {
    const out = translator.translateSync(request, { cwd, home: env.dir });
    const step = out.plan?.steps[0];
    assert.equal(step?.action, 'write', `${request}: ${out.clarify ?? 'no write'}`);
    const path = join(cwd, String(step.args.path));
    writeFileSync(path, String(step.args.content));
    const run = runner(path, env.dir);
    if (!run) continue;
    const output = execFileSync(run[0], run[1], { cwd, encoding: 'utf8', env: { ...process.env } });
    assert.equal(output.trimEnd(), prints, request);
    ran++;
  }
  assert.ok(ran >= 10, `only ${ran} programs could run here`);
});

test('a text file asked to say something holds the words, not a program', async (t) => {
  const env = testEnv(t);
  const translator = new OfflineTranslator();
  for (const [request, content] of [
    ['create a file notes3.txt that says hello', 'hello'],
    ['make memo.md containing meeting at noon', 'meeting at noon'],
    ['create greeting.txt which says hello there', 'hello there'],
  ]) {
    const out = translator.translateSync(request, { cwd: env.dir, home: env.dir });
    assert.equal(out.plan?.steps[0].args.content, content, request);
  }
});
