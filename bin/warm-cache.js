#!/usr/bin/env node
// Run by `npm install` (postinstall, after scripts/build-dist.ts): compiles the modules `aios up`
// loads, before its ready line and right after it, into Node's compile cache, so that even the
// first boot of a new AIOS_HOME starts from compiled code: the sources, and the bundle's files
// where the bundle is fresh (bin/dist.js).
import { compileCacheDir } from './compile-cache.js';
import { freshDist } from './dist.js';

if (Number(process.versions.node.split('.')[0]) >= 24) {
  compileCacheDir();
  for (const path of [
    '../src/cli/main.ts',
    '../src/cli/commands/up.ts',
    '../src/boot.ts',
    '../src/runtime/pool.ts',
    '../src/api/app.ts',
    '../src/api/server.ts',
    '@hono/node-server',
    '../src/api/prometheus.ts',
    '../src/services/supervisor/service.ts',
    '../src/services/supervisor/agent.ts',
  ]) {
    await import(path);
  }
  const dist = freshDist();
  if (dist) {
    for (const entry of [
      'cli-main',
      'cli-up',
      'runtime-pool',
      'api-app',
      'api-prometheus',
      'supervisor-service',
      'supervisor-agent',
    ]) {
      await import(`${dist}${entry}.mjs`);
    }
  }
}
