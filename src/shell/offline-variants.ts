/**
 * The offline half of Atlas's tree of thoughts: other ways to the same end, rewritten from the
 * plan itself with no model. Each rewrite changes one step into one or more:
 *
 * - other tools for the same effect: a move as a copy and then a delete of the originals; a
 *   delete with a zip of what it deletes first; a .tar.gz where a zip was asked for;
 * - other readings: moving what a delete names into a folder `archived` instead (the files stay);
 * - a narrower selection: a recursive change limited to the top folder.
 *
 * @example
 * const variants = offlineVariants(plan, 3); // [{ label: 'copy, then delete the originals', plan, confidence: 1, source: 'offline' }, …]
 */
import type { Plan, Step } from '../intel/intent.ts';
import type { Variant } from './alternatives.ts';

type Rewrite = (step: Step, plan: Plan) => { label: string; steps: Step[]; confidence: number } | undefined;

const sources = (s: Step) =>
  typeof s.args.from === 'string' ? { from: s.args.from } : { paths: s.args.paths };

/** Each rewrite changes one step into one or more; the first step of a kind it fits is rewritten. */
const REWRITES: Rewrite[] = [
  (s) =>
    s.tool === 'files' && s.action === 'move'
      ? {
          label: 'copy, then delete the originals',
          confidence: 1,
          steps: [
            {
              ...s,
              id: `${s.id}c`,
              action: 'copy',
              risk: 1,
              why: 'copy first, so nothing is lost if it stops',
            },
            {
              ...s,
              id: `${s.id}d`,
              action: 'delete',
              args: sources(s),
              risk: 3,
              dependsOn: [`${s.id}c`],
              why: 'then remove the originals',
            },
          ],
        }
      : undefined,
  (s) =>
    s.tool === 'files' && s.action === 'delete'
      ? {
          label: "move into a folder 'archived' instead of deleting",
          confidence: 0.5,
          steps: [
            { ...s, id: `${s.id}m`, action: 'mkdir', args: { path: 'archived' }, risk: 1, dependsOn: [] },
            {
              ...s,
              id: s.id,
              action: 'move',
              args: { ...sources(s), to: 'archived/' },
              risk: 1,
              dependsOn: [...s.dependsOn, `${s.id}m`],
              why: 'kept in archived/, out of the way',
            },
          ],
        }
      : undefined,
  (s) =>
    s.tool === 'files' && s.action === 'delete'
      ? {
          label: 'zip what it deletes first, then delete',
          confidence: 1,
          steps: [
            {
              ...s,
              id: `${s.id}z`,
              action: 'archive',
              args: { ...sources(s), to: 'deleted.zip' },
              risk: 1,
              why: 'a zip of everything deleted',
            },
            { ...s, dependsOn: [...s.dependsOn, `${s.id}z`] },
          ],
        }
      : undefined,
  (s) =>
    s.args.recursive === true
      ? {
          label: 'only the top folder, not the folders below',
          confidence: 0.7,
          steps: [{ ...s, args: { ...s.args, recursive: false } }],
        }
      : undefined,
  (s) =>
    s.tool === 'files' &&
    s.action === 'archive' &&
    typeof s.args.to === 'string' &&
    s.args.to.endsWith('.zip')
      ? {
          label: 'a .tar.gz instead of a zip',
          confidence: 1,
          steps: [
            { ...s, args: { ...s.args, to: s.args.to.replace(/\.zip$/, '.tar.gz'), format: 'tar.gz' } },
          ],
        }
      : undefined,
];

/** Up to `k - 1` other ways to do `plan` (the plan itself is the first of the k), in a fixed order. */
export function offlineVariants(plan: Plan, k: number): Variant[] {
  const out: Variant[] = [];
  for (const rewrite of REWRITES) {
    if (out.length >= k - 1) break;
    const at = plan.steps.findIndex((s) => rewrite(s, plan) !== undefined);
    if (at < 0) continue;
    const { label, steps, confidence } = rewrite(plan.steps[at], plan)!;
    const last = steps.at(-1)!.id;
    // later steps that took the rewritten step's paths take those of its last replacement
    const rest = plan.steps.slice(at + 1).map((s) => ({
      ...s,
      args: s.args.from === plan.steps[at].id ? { ...s.args, from: last } : s.args,
      dependsOn: s.dependsOn.map((d) => (d === plan.steps[at].id ? last : d)),
    }));
    const changed: Plan = {
      ...plan,
      requiresConfirmation: plan.requiresConfirmation || steps.some((s) => s.risk >= 2),
      steps: [...plan.steps.slice(0, at), ...steps, ...rest],
    };
    out.push({ label, plan: changed, confidence, source: 'offline' });
  }
  return out;
}
