#!/usr/bin/env node
// The aios command. It needs Node.js 24, which `npm install` puts in node_modules/.bin:
// run it as `npx aios`, through npm scripts, or with node_modules/.bin on PATH.
import { compileCacheDir } from './compile-cache.js';
import { freshDist } from './dist.js';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `aios: this is Node.js ${process.version}; aios needs Node.js 24 or newer. Run it as 'npx aios' from the checkout (npm install brings Node 24).`,
  );
  process.exit(1);
}
compileCacheDir();
// The bundle of aios's modules where it is fresh (bin/dist.js), else the sources themselves.
const dist = freshDist();
const from = (bundled, source) => (dist ? `${dist}${bundled}` : source);
const { main } = await import(from('cli-main.mjs', '../src/cli/main.ts'));
process.exitCode = await main(process.argv.slice(2));
// After an agent's isolate met a fatal out-of-memory, isolated-vm keeps its thread parked, and a
// normal exit would wait for that thread forever: once the command is done (and the system
// stopped cleanly), the process ends at once instead.
const { isolateParked } = await import(from('parked.mjs', '../src/runtime/parked.ts'));
if (isolateParked()) {
  await new Promise((resolve) => process.stdout.write('', () => process.stderr.write('', resolve)));
  process.kill(process.pid, 'SIGKILL');
}
