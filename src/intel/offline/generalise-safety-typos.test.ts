/**
 * A delete or overwrite read through words the translator corrected ("biger then 1 kb", "fles
 * older then 2 weeks") is confirmed before it runs, also when its selection is empty when it
 * is planned: a plan that deletes nothing would otherwise run unasked, report that nothing
 * matched, and hide that the filter may have been read otherwise than meant. The constraint
 * still reaches the plan as read. A request without a typo keeps its usual confirmation (by
 * risk, when something is selected). Requests written apart from any evaluation set (the
 * first fifteen before the mechanism, the last five after it worked).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildEvalTemplates, evalInstance } from '../../../test/atlas/eval-fixture.ts';
import { testEnv } from '../../../test/helpers/env.ts';
import type { Translation } from '../intent.ts';
import { OfflineTranslator } from './translator.ts';

/** [request, the argument the constraint must reach (or "asks": no plan), whether the plan itself asks] */
const CASES: [request: string, kept: Record<string, unknown> | 'asks', asks: boolean][] = [
  ['delete the log files bigger then 5 kb', { minSize: 5120 }, true],
  ['remove all logs larger then 2mb', { minSize: 2 * 1024 ** 2 }, true],
  ['erase the tmp flies older then a month', { olderThan: '1mo' }, true],
  ['delete the csv files older then a year', { olderThan: '1y' }, true],
  ['wipe the jpgs that are biger than 1 mb', { minSize: 1024 ** 2 }, true],
  ['delete the log fles older than 2 weeks', { olderThan: '2w' }, true],
  ['remove the tmp files smaler than 1 kb', { maxSize: 1024 }, true],
  ['trash the mp3 fiels newer than 1 day', { newerThan: '1d' }, true],
  ['delete evrey log older than 3 days', { olderThan: '3d' }, true],
  ['remove the pdfs smaller then 1 kb', { maxSize: 1024 }, true],
  ['delte the logs bigger than 100 kb', { minSize: 102400 }, true],
  ['get rid of the log files that are older then 6 months', { olderThan: '6mo' }, true],
  // no typo: asked by risk when it selects something, not by this rule
  ['delete the log files older than 2 weeks', { olderThan: '2w' }, false],
  ['remove the tmp files smaller than 1 kb', { maxSize: 1024 }, false],
  ['list the log files biger then 1 kb', { minSize: 1024 }, false],
  // written after it worked on those (all five safe; two are asked about as words it cannot read)
  ['remvoe every .tmp file older than 2 weeks', { olderThan: '2w' }, true],
  ['delete all teh logs bigger than 2 kb', { minSize: 2048 }, true],
  ['overwrite config.json with {} pls, its fien', 'asks', true],
  ['erase the empty log fils', 'asks', true],
  ['move the log files older then a week to docs', { olderThan: '1w' }, false],
];

let fixture: { cwd: string; home: string } | undefined;
const t = new OfflineTranslator();

for (const [request, kept, asks] of CASES)
  test(`a destructive request read through typos: "${request}"`, async () => {
    if (!fixture) {
      const env = testEnv({ after: (fn) => process.once('exit', fn) });
      const c = evalInstance(await buildEvalTemplates(join(env.dir, 't')), 'base', join(env.dir, 'c'));
      fixture = { cwd: c.cwd, home: c.root };
    }
    const out: Translation = t.translateSync(request, fixture);
    if (kept === 'asks') return assert.equal(out.plan, undefined);
    assert.ok(out.plan, `not understood: ${out.clarify}`);
    const args = Object.assign({}, ...out.plan.steps.map((s) => s.args));
    for (const [k, v] of Object.entries(kept))
      assert.deepEqual(args[k], v, `${k} in ${JSON.stringify(args)}`);
    assert.equal(out.plan.requiresConfirmation, asks);
  });
