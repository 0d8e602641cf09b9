import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../../test/helpers/env.ts';
import { renamed } from '../../../tools/files/rename.ts';
import { OfflineTranslator } from '../translator.ts';

function work(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  mkdirSync(join(cwd, 'scans'), { recursive: true });
  mkdirSync(join(cwd, 'minutes'), { recursive: true });
  for (const f of ['SCAN_1.PNG', 'SCAN_2.PNG']) writeFileSync(join(cwd, 'scans', f), 'x');
  for (const f of ['jan meeting.md', 'feb meeting.md']) writeFileSync(join(cwd, 'minutes', f), 'x');
  return { cwd, home: env.home };
}

const t = new OfflineTranslator();
const steps = (request: string, c: { cwd: string; home: string }) => {
  const out = t.translateSync(request, c);
  assert.ok(out.plan, `${request}: ${out.clarify}`);
  return out.plan.steps.map((s) => ({ action: `${s.tool}.${s.action}`, ...s.args }));
};

test('an extension written in another case renames the files in the folder, never the folder', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(steps('change every .PNG in scans to .png', c), [
    { action: 'files.find', path: 'scans', ext: ['png'], recursive: false },
    { action: 'files.rename', ext: 'png', from: 's1' },
  ]);
});

test('names in lower case, a character swapped, a numbered series', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(steps('put the file names in scans in lower case', c), [
    { action: 'files.find', path: 'scans', type: 'file', recursive: false },
    { action: 'files.rename', case: 'lower', from: 's1' },
  ]);
  assert.deepEqual(steps('change the spaces to dashes in the filenames in minutes', c), [
    { action: 'files.find', path: 'minutes', type: 'file', recursive: false },
    { action: 'files.rename', find: ' ', replace: '-', from: 's1' },
  ]);
  assert.deepEqual(steps('rename the images in scans to page-01.png, page-02.png and so on', c)[1], {
    action: 'files.rename',
    numbered: 'page-01.png',
    from: 's1',
  });
});

test('the tool renames by the same rules: case, swap, numbers counting up with their width', () => {
  assert.equal(renamed('SCAN_1.PNG', { case: 'lower' }), 'scan_1.png');
  assert.equal(renamed('jan meeting.md', { find: ' ', replace: '_' }), 'jan_meeting.md');
  assert.equal(renamed('IMG_7.JPG', { numbered: 'trip-08.jpg' }, 2), 'trip-10.jpg');
  assert.equal(renamed('IMG_7.JPG', { numbered: 'trip-1' }, 1), 'trip-2.JPG');
  // a prefix keeps the extension as it was written
  assert.equal(renamed('IMG_7.JPG', { prefix: 'old-' }), 'old-IMG_7.JPG');
});

test('"rename all files in X to lowercase" renames the files in X, never X itself', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(steps('rename all files in scans to lowercase', c), [
    { action: 'files.find', path: 'scans', type: 'file', recursive: false },
    { action: 'files.rename', case: 'lower', from: 's1' },
  ]);
  assert.deepEqual(steps('rename every file in minutes replacing spaces with underscores', c)[1], {
    action: 'files.rename',
    find: ' ',
    replace: '_',
    from: 's1',
  });
});
