/**
 * Fresh copies of the evaluation fixture, each with its own Atlas on one shared embedded system:
 * what the hostile Atlas tests judge a request against (what is left on disk afterwards).
 *
 * @example
 * const place = evalPlaces();
 * test('…', async () => { const { root, cwd, atlas } = place(); … });
 */
import { join } from 'node:path';
import { before } from 'node:test';
import { Atlas } from '../../src/shell/atlas.ts';
import { atlasSystem, OPEN_CONFIG } from '../helpers/atlas-system.ts';
import { buildEvalTemplates, type EvalVariant, evalInstance } from './eval-fixture.ts';
import type { Templates } from './fixture.ts';

export function evalPlaces() {
  const shared = atlasSystem();
  let templates: Templates;
  let n = 0;
  before(async () => {
    templates = await buildEvalTemplates(join(shared.env.dir, 'templates'));
  });
  const place = (variant: EvalVariant = 'base') => {
    const c = evalInstance(templates, variant, join(shared.env.dir, `case-${++n}`));
    return { ...c, atlas: new Atlas(shared.system, { home: c.root, config: OPEN_CONFIG }) };
  };
  return place;
}
