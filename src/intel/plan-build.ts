/**
 * From a model's answer to a validated Intent IR plan. The catalog is offered as tools (one
 * per action, named tool_action) plus ask_user for a clarifying question; the answer's tool
 * calls become the steps, in order. Models without tool calling answer with a JSON plan in
 * text instead. Either way the plan must pass PlanSchema and each step's arguments must pass
 * that action's JSON Schema from the catalog; otherwise a PlanError says what was wrong, in
 * words a model can act on when asked to repair it.
 *
 * @example
 * const tools = toolsOf(catalog);
 * const result = planFromAnswer(answer, 'list files', tools); // { plan } or { clarify }
 */
import { z } from 'zod';
import { RISK_CONFIRM, RISK_WORDS } from '../kernel/risk.ts';
import type { CatalogEntry, Plan, Risk } from './intent.ts';
import { PlanSchema } from './intent.ts';
import type { ChatResult, ToolSpec } from './providers/types.ts';

export const ASK_USER = 'ask_user';

export class PlanError extends Error {
  override name = 'PlanError';
}

export interface ToolSet {
  specs: ToolSpec[];
  byName: Map<string, CatalogEntry>;
  byAction: Map<string, CatalogEntry>;
}

const toolSets = new WeakMap<readonly CatalogEntry[], ToolSet>();
const validators = new WeakMap<CatalogEntry, z.ZodType>();

/** The catalog as tools (memoised per catalog array). */
export function toolsOf(catalog: readonly CatalogEntry[]): ToolSet {
  let set = toolSets.get(catalog);
  if (set) return set;
  const byName = new Map<string, CatalogEntry>();
  const byAction = new Map<string, CatalogEntry>();
  const specs: ToolSpec[] = [];
  for (const entry of catalog) {
    const name = `${entry.tool}_${entry.action}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
    if (byName.has(name) || name === ASK_USER) continue;
    byName.set(name, entry);
    byAction.set(`${entry.tool}.${entry.action}`, entry);
    specs.push({
      name,
      description: `${entry.summary} (risk ${entry.risk}: ${RISK_WORDS[entry.risk]})`,
      parameters: toolParameters(entry.args),
    });
  }
  specs.push({
    name: ASK_USER,
    description: 'Ask the person one short question when the request is ambiguous; call it alone',
    parameters: {
      type: 'object',
      properties: { question: { type: 'string' } },
      required: ['question'],
      additionalProperties: false,
    },
  });
  set = { specs, byName, byAction };
  toolSets.set(catalog, set);
  return set;
}

/** Both APIs want an object schema without the $schema marker. */
function toolParameters(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _, ...rest } = schema;
  return rest.type === undefined ? { type: 'object', ...rest } : rest;
}

export type Built = { plan: Plan; clarify?: undefined } | { clarify: string; plan?: undefined };

/** The plan (or question) in a model's answer; throws PlanError when there is none or it is invalid. */
export function planFromAnswer(answer: ChatResult, request: string, tools: ToolSet): Built {
  if (answer.toolCalls.length > 0) return fromToolCalls(answer, request, tools);
  if (answer.text.trim() === '') {
    throw new PlanError(
      answer.finish === 'length' ? 'the answer was cut off at the token limit' : 'the answer is empty',
    );
  }
  return fromJsonText(answer.text, request, tools);
}

function fromToolCalls(answer: ChatResult, request: string, tools: ToolSet): Built {
  const ask = answer.toolCalls.find((c) => c.name === ASK_USER);
  if (ask) {
    const question = (parseArgs(ask.arguments, ASK_USER) as { question?: unknown }).question;
    if (typeof question !== 'string' || question.trim() === '') {
      throw new PlanError('ask_user needs a non-empty "question" string');
    }
    return { clarify: question.trim() };
  }
  const steps = answer.toolCalls.map((call, i) => {
    const entry = tools.byName.get(call.name);
    if (!entry) throw new PlanError(`there is no tool named '${call.name}'; use only the tools offered`);
    return {
      id: `s${i + 1}`,
      tool: entry.tool,
      action: entry.action,
      args: parseArgs(call.arguments, call.name),
      risk: entry.risk,
      dependsOn: i === 0 ? [] : [`s${i}`],
    };
  });
  return { plan: validate({ goal: goalOf(answer.text, request), steps }, tools) };
}

/** A plan as a model writes it in JSON (json mode, and each of the plans it proposes as alternatives). */
export const JsonPlan = z.object({
  goal: z.string().optional(),
  clarify: z.string().optional(),
  steps: z
    .array(
      z.object({
        id: z.string().optional(),
        tool: z.string(),
        action: z.string(),
        args: z.record(z.string(), z.unknown()).default({}),
        dependsOn: z.array(z.string()).optional(),
        why: z.string().optional(),
      }),
    )
    .optional(),
});

function fromJsonText(text: string, request: string, tools: ToolSet): Built {
  const json = jsonIn(text, 'the answer holds neither tool calls nor a JSON plan', 'the JSON plan');
  const parsed = JsonPlan.safeParse(json);
  if (!parsed.success) throw new PlanError(`the JSON plan has the wrong shape: ${issuesOf(parsed.error)}`);
  return planFromJson(parsed.data, request, tools);
}

/** A plan written in JSON, with its action names and step order checked, then validated. */
export function planFromJson(p: z.infer<typeof JsonPlan>, request: string, tools: ToolSet): Built {
  if (p.clarify && !p.steps?.length) return { clarify: p.clarify.trim() };
  const ids = new Set<string>();
  const steps = (p.steps ?? []).map((s, i) => {
    const entry = tools.byAction.get(`${s.tool}.${s.action}`);
    if (!entry)
      throw new PlanError(`there is no action '${s.tool}.${s.action}'; use only the actions listed`);
    const id = s.id ?? `s${i + 1}`;
    const dependsOn = s.dependsOn ?? (i === 0 ? [] : [[...ids].at(-1)!]);
    for (const d of dependsOn) {
      if (!ids.has(d)) throw new PlanError(`step '${id}' depends on '${d}', which is not an earlier step`);
    }
    ids.add(id);
    return {
      id,
      tool: entry.tool,
      action: entry.action,
      args: s.args,
      risk: entry.risk,
      dependsOn,
      why: s.why,
    };
  });
  return { plan: validate({ goal: p.goal?.trim() || request, steps }, tools) };
}

/** The JSON object in a model's text (models wrap it in prose or fences); PlanError when none parses. */
export function jsonIn(text: string, missing: string, what: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new PlanError(missing);
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch (error) {
    throw new PlanError(`${what} does not parse: ${(error as Error).message}`);
  }
}

function parseArgs(text: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new PlanError(`the arguments of ${name} are not valid JSON: '${text.slice(0, 80)}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlanError(`the arguments of ${name} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function goalOf(text: string, request: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return (line || request).slice(0, 500);
}

/** PlanSchema, then each step's arguments against its action's schema. */
export function validate(candidate: { goal: string; steps: Plan['steps'] }, tools: ToolSet): Plan {
  if (candidate.steps.length === 0) throw new PlanError('the plan has no steps');
  const risk = Math.max(...candidate.steps.map((s) => s.risk)) as Risk;
  const parsed = PlanSchema.safeParse({ ...candidate, requiresConfirmation: risk >= RISK_CONFIRM });
  if (!parsed.success)
    throw new PlanError(`the plan is not a valid Intent IR plan: ${issuesOf(parsed.error)}`);
  for (const step of parsed.data.steps) {
    const entry = tools.byAction.get(`${step.tool}.${step.action}`);
    if (!entry) throw new PlanError(`there is no action '${step.tool}.${step.action}'`);
    const result = validatorOf(entry).safeParse(step.args);
    if (!result.success) {
      throw new PlanError(
        `step ${step.id} (${step.tool}_${step.action}) has bad arguments: ${issuesOf(result.error)}`,
      );
    }
  }
  return parsed.data;
}

/** The action's JSON Schema as a zod validator (permissive if the schema uses what zod cannot express). */
function validatorOf(entry: CatalogEntry): z.ZodType {
  let v = validators.get(entry);
  if (!v) {
    try {
      v = z.fromJSONSchema(entry.args as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      v = z.record(z.string(), z.unknown());
    }
    validators.set(entry, v);
  }
  return v;
}

export function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}
