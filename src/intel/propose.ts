/**
 * Alternatives from a model (tree of thoughts): one request asks it for up to K different plans
 * for the person's request, each in the JSON plan format of json mode with a label and a short
 * rationale. One request rather than K: the catalog, the longest part of the prompt, is sent once,
 * and K answers would each repeat the plan already made. Tool calls cannot carry several plans
 * side by side, so the catalog is listed in the prompt whatever the model's mode.
 *
 * Each proposal is validated exactly as a translated plan is (planFromJson: action names, step
 * order, the Intent IR schema, each step's arguments against its action's schema); one that
 * fails keeps the reason, to be shown and never run. Atlas then previews the valid ones like any
 * plan (roots, rights, critique) before they are scored.
 *
 * @example
 * const chat = proposeChat({ request, context, tools, k: 3, asked: plan });
 * const proposals = proposalsFromAnswer(answer, request, tools, 3); // [{ label, plan } | { label, problem }]
 */
import { z } from 'zod';
import { PLAN_LIMITS as L } from '../services/planner/limits.ts';
import type { Plan, Proposal, TranslateContext } from './intent.ts';
import type { Chat } from './model-call.ts';
import { issuesOf, JsonPlan, jsonIn, PlanError, planFromJson, type ToolSet } from './plan-build.ts';
import { catalogListing, userMessage } from './prompts.ts';
import type { ChatResult } from './providers/types.ts';

const INSTRUCTIONS = `You propose different ways to do a person's request on their computer, as plans of tool actions for aios.
Give up to K plans, each doing what was asked in its own way: other actions for the same effect, a safer order (keep a copy first, move aside instead of deleting), a narrower selection, another reasonable reading of the request.
Each plan must be complete on its own. Do not repeat the plan already made, if one is shown. Use only the actions listed and fill in their arguments exactly as their schemas say; paths are relative to the working directory unless the person names another place.
Answer with one JSON object and nothing else:
{"plans": [{"label": "a few words on what is different", "rationale": "one sentence: why this way", "confidence": 0.9, "goal": "...", "steps": [{"tool": "...", "action": "...", "args": {...}}]}]}
"confidence" (0 to 1) is how sure you are that the plan does what the person meant.`;

/** The request for up to `k` plans, the plan already made shown so that they differ from it. */
export function proposeChat(o: {
  request: string;
  context: TranslateContext;
  tools: ToolSet;
  k: number;
  asked?: Plan;
}): Chat {
  const asked = o.asked
    ? `\nThe plan already made: ${JSON.stringify({
        goal: o.asked.goal,
        steps: o.asked.steps.map((s) => ({ tool: s.tool, action: s.action, args: s.args })),
      })}`
    : '';
  return {
    system: `${INSTRUCTIONS.replace('up to K plans', `up to ${o.k} plans`)}\n\n${catalogListing(o.tools)}`,
    messages: [{ role: 'user', content: `${userMessage(o.request, o.context)}${asked}` }],
    json: true,
  };
}

const Answer = z.object({ plans: z.array(z.unknown()).min(1) });
const Proposed = JsonPlan.extend({
  label: z.string().optional(),
  rationale: z.string().optional(),
  confidence: z.number().min(0).max(1).optional(),
});

/**
 * The proposals in a model's answer, at most `k`, each with its validated plan or the reason it
 * cannot be used. Throws PlanError when the answer holds no list of plans at all.
 */
export function proposalsFromAnswer(
  answer: ChatResult,
  request: string,
  tools: ToolSet,
  k: number,
): Proposal[] {
  if (answer.text.trim() === '')
    throw new PlanError(
      answer.finish === 'length' ? 'the answer was cut off at the token limit' : 'the answer is empty',
    );
  const json = jsonIn(answer.text, 'the answer holds no JSON object of plans', 'the JSON of plans');
  const parsed = Answer.safeParse(json);
  if (!parsed.success) throw new PlanError(`the answer has no list of plans: ${issuesOf(parsed.error)}`);
  return parsed.data.plans.map((entry, i): Proposal => {
    const fallback = `the model's way ${i + 1}`;
    if (i >= k) return { label: fallback, confidence: 0, problem: `more than the ${k} plans asked for` };
    const p = Proposed.safeParse(entry);
    if (!p.success)
      return {
        label: fallback,
        confidence: 0,
        problem: `the plan has the wrong shape: ${issuesOf(p.error)}`,
      };
    const label = oneLine(p.data.label, L.CHOOSE_LABEL_MAX_CHARS) || fallback;
    const rationale = oneLine(p.data.rationale, L.CHOOSE_RATIONALE_MAX_CHARS);
    const head = { label, ...(rationale ? { rationale } : {}), confidence: p.data.confidence ?? 1 };
    try {
      const built = planFromJson(p.data, request, tools);
      if (!built.plan)
        return {
          ...head,
          problem: `it asks a question instead: ${oneLine(built.clarify, L.CHOOSE_RATIONALE_MAX_CHARS)}`,
        };
      return { ...head, plan: built.plan };
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      return { ...head, problem: error.message };
    }
  });
}

/** Model text as one short line: control characters and whitespace runs become one space. */
function oneLine(text: string | undefined, max: number): string {
  return (text ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')
    .trim()
    .slice(0, max);
}
