/**
 * Plans of the offline translator in the user fixture, written compactly for tables of
 * requests: each step as `tool.action {args}`, steps joined by " ; ", or "asks" when Atlas
 * asks or says it cannot. The fixture is built once per test file, in a temporary HOME.
 *
 * @example
 * const plan = await offlinePlans(t);
 * assert.equal(plan('mkdir -p a/b'), 'files.mkdir {"path":"a/b"}');
 */
import { join } from 'node:path';
import { OfflineTranslator } from '../../src/intel/offline/translator.ts';
import { buildEvalTemplates, type EvalVariant, evalInstance } from '../atlas/eval-fixture.ts';
import { testEnv } from './env.ts';

export type Plans = (request: string, variant?: EvalVariant) => string;

export async function offlinePlans(t: { after(fn: () => void): void }): Promise<Plans> {
  const env = testEnv(t);
  const templates = await buildEvalTemplates(join(env.dir, 'templates'));
  const translator = new OfflineTranslator();
  const made = new Map<EvalVariant, ReturnType<typeof evalInstance>>();
  return (request, variant = 'users') => {
    let c = made.get(variant);
    if (!c) {
      c = evalInstance(templates, variant, join(env.dir, variant));
      made.set(variant, c);
    }
    const out = translator.translateSync(request, { cwd: c.cwd, home: c.root });
    if (!out.plan) return 'asks';
    return out.plan.steps.map((s) => `${s.tool}.${s.action} ${JSON.stringify(s.args)}`).join(' ; ');
  };
}
