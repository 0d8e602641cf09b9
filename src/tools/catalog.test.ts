import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rightsOf, toolCatalog } from './catalog.ts';
import { allActions } from './registry.ts';

/** The actions the issue asks for, tool by tool. */
const REQUIRED: Record<string, string[]> = {
  files: [
    'list',
    'find',
    'stat',
    'read',
    'write',
    'append',
    'mkdir',
    'copy',
    'move',
    'delete',
    'archive',
    'extract',
    'organise',
    'duplicates',
    'usage',
  ],
  text: ['search', 'head', 'tail', 'count', 'replace'],
  system: ['disk', 'memory', 'cpu', 'load', 'uptime', 'os', 'largest'],
  process: ['list', 'find', 'info', 'kill'],
  git: ['status', 'log', 'diff', 'add', 'commit', 'branch', 'checkout', 'stash'],
  package: ['search', 'info', 'list', 'install', 'remove'],
  service: ['status', 'start', 'stop', 'restart'],
  network: ['get', 'dns', 'ports'],
  shell: ['run'],
};

test('every action of the issue is in the catalog, with a summary, a risk and a JSON Schema', () => {
  const catalog = toolCatalog();
  for (const [tool, actions] of Object.entries(REQUIRED)) {
    for (const action of actions) {
      const e = catalog.find((c) => c.tool === tool && c.action === action);
      assert.ok(e, `${tool}.${action} is missing`);
      assert.ok(e.summary.length > 10);
      assert.ok(e.risk >= 0 && e.risk <= 3);
      assert.equal(e.args.type, 'object', `${tool}.${action} args`);
    }
  }
});

test('risks follow the policy: deletes and kills are 3, the shell is 3, installs are confirmed', () => {
  const risk = (t: string, a: string) => toolCatalog().find((c) => c.tool === t && c.action === a)?.risk;
  assert.equal(risk('files', 'delete'), 3);
  assert.equal(risk('process', 'kill'), 3);
  assert.equal(risk('shell', 'run'), 3);
  assert.ok((risk('package', 'install') ?? 0) >= 2);
  assert.ok((risk('files', 'write') ?? 0) === 2, 'write reaches 2 when it overwrites');
  for (const def of allActions()) assert.ok(rightsOf(def).includes('use'));
});
