/**
 * Words that constrain a change are understood or asked about, never dropped, through Atlas
 * with an embedded kernel and the offline translator: an extension written in capitals names
 * the files, not the folder they are in; "my .profile" is the home's start-up file, so sending
 * it outside the allowed roots is refused; a file taken "from downloads" is the one there,
 * even when one of the same name is here; asking what an archive holds unpacks nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { Atlas } from '../../src/shell/atlas.ts';
import { PlanError } from '../../src/shell/types.ts';
import { atlasSystem, OPEN_CONFIG } from '../helpers/atlas-system.ts';

const shared = atlasSystem();
let n = 0;

/** A home with a start-up file and Downloads, a work folder, and a directory beside the home. */
function place(config = OPEN_CONFIG) {
  const root = join(shared.env.dir, `w${++n}`);
  const home = join(root, 'home');
  const cwd = join(home, 'work');
  const outside = join(root, 'elsewhere');
  for (const d of [join(cwd, 'scans'), join(home, 'Downloads'), outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(home, '.profile'), 'export SECRET=1\n');
  writeFileSync(join(cwd, 'scans', 'SCAN_1.PNG'), 'one\n');
  writeFileSync(join(cwd, 'scans', 'SCAN_2.PNG'), 'two\n');
  writeFileSync(join(cwd, 'memo.txt'), 'the one here\n');
  writeFileSync(join(home, 'Downloads', 'memo.txt'), 'the downloaded one\n');
  return { home, cwd, outside, atlas: new Atlas(shared.system, { home, config }) };
}

async function run(atlas: Atlas, cwd: string, request: string) {
  const planned = await atlas.plan(request, { cwd });
  return atlas.execute(planned.id, { confirmed: true });
}

test('".PNG to .png in scans" renames the pictures in scans and leaves the folder where it is', async () => {
  const { cwd, atlas } = place();
  const out = await run(atlas, cwd, 'change the extension of every .PNG in scans to .png');
  assert.equal(out.ok, true);
  assert.ok(existsSync(join(cwd, 'scans')), 'the folder scans is still there');
  assert.deepEqual(readdirSync(join(cwd, 'scans')).sort(), ['SCAN_1.png', 'SCAN_2.png']);
  assert.deepEqual(readdirSync(cwd).sort(), ['memo.txt', 'scans']);
  atlas.close();
});

test('"copy my .profile" outside the allowed roots is refused, and nothing is written there', async () => {
  const { home, cwd, outside, atlas } = place({ ...OPEN_CONFIG, roots: [], onlyRoots: false });
  await assert.rejects(
    atlas.plan(`copy my .profile to ${outside}`, { cwd }),
    (e: unknown) => e instanceof PlanError && /outside the allowed roots/.test((e as Error).message),
  );
  assert.deepEqual(readdirSync(outside), []);
  assert.equal(readFileSync(join(home, '.profile'), 'utf8'), 'export SECRET=1\n');
  atlas.close();
});

test('"delete memo.txt from downloads" deletes the downloaded one, not the one here', async () => {
  const { home, cwd, atlas } = place();
  const out = await run(atlas, cwd, 'delete memo.txt from downloads');
  assert.equal(out.ok, true);
  assert.equal(existsSync(join(home, 'Downloads', 'memo.txt')), false);
  assert.equal(readFileSync(join(cwd, 'memo.txt'), 'utf8'), 'the one here\n');
  atlas.close();
});

test('"what is inside fotos.zip" lists its entries and unpacks nothing', async () => {
  const { cwd, atlas } = place();
  writeFileSync(
    join(cwd, 'fotos.zip'),
    zipSync({ 'a.jpg': new Uint8Array([1, 2, 3]), 'sub/b.jpg': new Uint8Array(5) }),
  );
  const before = readdirSync(cwd).sort();
  const out = await run(atlas, cwd, "what's inside fotos.zip?");
  assert.equal(out.ok, true);
  const result = out.results.at(-1)?.output as { entries: { name: string; size: number }[]; total: number };
  assert.deepEqual(
    result.entries.map((e) => [e.name, e.size]),
    [
      ['a.jpg', 3],
      ['sub/b.jpg', 5],
    ],
  );
  assert.deepEqual(readdirSync(cwd).sort(), before);
  atlas.close();
});
