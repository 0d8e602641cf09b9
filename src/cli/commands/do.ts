/**
 * aios do "<request>": say what you want done, see the plan with the risk of each step and
 * what it touches, confirm when it overwrites, deletes or kills, and read the result.
 * Everything it changes can be taken back with `aios undo`.
 */
import { createInterface } from 'node:readline/promises';
import { doubtQuestion } from '../../shell/reflect.ts';
import {
  confirmQuestion,
  progressLine,
  renderOutcome,
  renderPlan,
  renderUnclear,
} from '../../shell/render.ts';
import type { Outcome, PlannedRequest } from '../../shell/types.ts';
import { type AtlasPort, withAtlas } from '../atlas-port.ts';
import { type Command, UsageError } from '../command.ts';
import { alternativesArg, pickAlternative } from '../do-alternatives.ts';
import { printable } from '../printable.ts';

/** Long copies show a progress bar from this size on. */
const PROGRESS_FROM_BYTES = 32 * 1024 * 1024;

const command: Command = {
  name: 'do',
  summary: 'Do something described in plain words (Atlas), with preview, confirmation and undo',
  usage: ['do "<request>" [--dry-run] [--yes] [--json] [--explain] [--alternatives K [--pick N]]'],
  help: `Options:
  --dry-run   show the plan and change nothing
  --yes, -y   answer yes to the confirmation (risk 2 overwrite, risk 3 delete/kill)
  --explain   show why each step is there, its arguments and the kernel right it needs
  --json      print {request, goal, inferredGoal, steps, doubts, results, undoId} as JSON and nothing else
  --alternatives K  plan up to K ways to do it (1-8; with a model configured, up to K of its
                    own too), score each on risk, what it touches, undo, cost, time and
                    confidence, show them with pros and cons and who proposed them, run the best
  --pick N    run alternative N of the list instead (asked for when the terminal is interactive)

The request acts on the current directory. Paths outside it and your home are refused.
Risk: 0 read-only and 1 create/move run at once; 2 and 3 ask first. Take it back: aios undo.
Atlas names the goal it reads (clean up, migrate, deploy, ...), adds the safety steps it needs
(marked "added by Atlas"), and gives each step a confidence; below minConfidence in atlas.json
it asks before running, even with --yes.

Examples:
  aios do "show the 5 biggest files here"
  aios do "delete log files older than 30 days" --dry-run
  aios do "zip the docs folder" && aios undo`,
  options: {
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    explain: { type: 'boolean' },
    alternatives: { type: 'string' },
    pick: { type: 'string' },
  },
  maxPositionals: 200,
  async run(ctx) {
    const alternatives = alternativesArg(ctx.values.alternatives);
    const pick = typeof ctx.values.pick === 'string' ? ctx.values.pick : undefined;
    if (pick !== undefined && alternatives.k === undefined)
      throw new UsageError('--pick chooses among alternatives; give --alternatives K too');
    const request = [...alternatives.words, ...ctx.positionals].join(' ').trim();
    if (request === '')
      throw new UsageError('missing the request; say what to do, e.g. aios do "list the files here"');
    const cwd = process.cwd();
    const dryRun = ctx.values['dry-run'] === true;
    const yes = ctx.values.yes === true;
    const explain = ctx.values.explain === true;
    return withAtlas(ctx.home, async (atlas) => {
      let planned = await atlas.plan(request, { cwd });
      let choice: Record<string, unknown> = {};
      const json = (extra: Record<string, unknown>, outcome?: Outcome) =>
        ctx.out(JSON.stringify(jsonOf(planned, outcome, { ...choice, ...extra })));
      if (planned.steps.length === 0) {
        if (ctx.json) json({ ok: false });
        else for (const line of renderUnclear(planned)) ctx.out(line);
        return 1;
      }
      if (alternatives.k !== undefined) {
        const interactive = process.stdin.isTTY === true && !ctx.json && !yes;
        const picked = await pickAlternative(atlas, planned, {
          k: alternatives.k,
          pick,
          json: ctx.json,
          out: ctx.out,
          ...(interactive ? { ask: answer } : {}),
        });
        const { options, dropped, model, note } = picked.alternatives;
        choice = {
          alternatives: options.map(({ planned: _, ...a }) => a),
          dropped,
          ...(model ? { model } : {}),
          ...(note ? { note } : {}),
          of: planned.id,
        };
        planned = picked.chosen;
      }
      if (!ctx.json) for (const line of renderPlan(planned, { cwd, explain })) ctx.out(line);
      if (dryRun) {
        if (ctx.json) json({ ok: true, dryRun: true });
        else ctx.out('(dry run: nothing was changed)');
        return 0;
      }
      // A step the critique doubts is asked about even with --yes: yes answers the risk, not this.
      if (planned.doubts && planned.doubts.length > 0) {
        if (ctx.json) {
          json({ ok: false, error: `${doubtQuestion(planned)}; run it without --json to answer` });
          return 1;
        }
        if (!(await ask(`${doubtQuestion(planned)}. Run it anyway? [y/N] `))) {
          ctx.out('Cancelled; nothing was changed.');
          return 1;
        }
      }
      const acceptDoubts = (planned.doubts?.length ?? 0) > 0;
      let confirmed = yes;
      if (planned.requiresConfirmation && !yes) {
        if (ctx.json) {
          json({ ok: false, error: 'this plan needs confirmation; run it again with --yes' });
          return 1;
        }
        confirmed = await ask(confirmQuestion(planned));
        if (!confirmed) {
          ctx.out('Cancelled; nothing was changed.');
          return 1;
        }
      }
      const outcome = await atlas.execute(planned.id, {
        confirmed,
        acceptDoubts,
        onProgress: progress(atlas),
      });
      if (ctx.json) json({ ok: outcome.ok }, outcome);
      else
        for (const line of renderOutcome(planned, outcome, { cwd, width: process.stdout.columns }))
          ctx.out(line);
      return outcome.ok ? 0 : 1;
    });
  },
};

export default command;

/** The --json shape: {request, goal, steps: [{tool, action, args, risk}], results, undoId}. */
export function jsonOf(p: PlannedRequest, outcome: Outcome | undefined, extra: Record<string, unknown>) {
  return {
    id: p.id,
    request: p.request,
    goal: p.goal,
    source: p.source,
    inferredGoal: p.inferredGoal ?? null,
    doubts: p.doubts ?? [],
    ...extra,
    requiresConfirmation: p.requiresConfirmation,
    steps: p.steps.map((s) => ({
      id: s.id,
      tool: s.tool,
      action: s.action,
      args: s.args,
      risk: s.risk,
      preview: s.preview,
      ...(s.added ? { added: s.added } : {}),
      ...(s.confidence !== undefined ? { confidence: s.confidence, reasons: s.reasons ?? [] } : {}),
    })),
    results: outcome?.results ?? [],
    undoId: outcome?.undoId ?? null,
    ...(p.clarify ? { clarify: p.clarify } : {}),
    ...(p.suggestions ? { suggestions: p.suggestions } : {}),
  };
}

/** Asks on the terminal; no answer (end of input) is no. */
export async function ask(question: string): Promise<boolean> {
  const answer_ = await answer(question);
  return answer_ !== undefined && /^\s*y(es)?\s*$/i.test(answer_);
}

/** Reads one line typed on the terminal; undefined at the end of input. */
async function answer(question: string): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('close', () => resolve(undefined));
      rl.question(printable(question)).then(resolve, () => resolve(undefined));
    });
    return answer;
  } finally {
    rl.close();
  }
}

function progress(atlas: AtlasPort) {
  if (atlas.remote || !process.stderr.isTTY) return undefined;
  let shown = false;
  return (stepId: string, done: number, total: number) => {
    if (total < PROGRESS_FROM_BYTES) return;
    process.stderr.write(`\r${printable(progressLine(stepId, done, total, 30))}`);
    shown = true;
    if (done >= total && shown) process.stderr.write('\n');
  };
}
