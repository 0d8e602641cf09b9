/**
 * Prompt versions for plan translation. Each variant is a complete system prompt; the
 * learning loop (learning.ts) serves them A/B and promotes the one whose plans succeed most.
 * A prompt carries the working context (directory, home, earlier turns) and few-shot
 * examples drawn from plans that worked before. In 'json' mode (models without tool calls)
 * the catalog is listed in the prompt and the plan comes back as a JSON object.
 *
 * @example
 * const chat = buildChat({ variant: PROMPT_VARIANTS[0], request, context, examples, mode: 'tools', tools });
 * provider.chat({ ...chat, model, maxTokens: 1024, stream: true, timeoutMs: 30_000 });
 */
import type { Plan, TranslateContext } from './intent.ts';
import type { ToolSet } from './plan-build.ts';
import { KEY_TURNS } from './plan-cache.ts';
import type { ChatMessage, ChatRequest, ChatResult } from './providers/types.ts';

export interface PromptVariant {
  /** Stable id: a version and a variant letter or name; stored with every translation. */
  id: string;
  /** How many few-shot examples this variant shows. */
  examples: number;
  instructions: string;
}

export const PROMPT_VARIANTS: readonly PromptVariant[] = [
  {
    id: 'v1-direct',
    examples: 3,
    instructions: `You turn a person's request about their computer into a plan of tool actions for aios.
Call one tool for each step, in the order the steps must run. Use only the tools offered and fill in their arguments exactly as their schemas say.
Paths are relative to the working directory unless the person names another place.
Prefer read-only actions; use a shell command only when no other tool fits.
If the request is ambiguous, call ask_user alone with one short question.
Before the tool calls, write the goal in one short sentence.`,
  },
  {
    id: 'v1-stepwise',
    examples: 5,
    instructions: `You are the planner of aios, an operating system. A person asked for something to be done on their computer.
Work out what must happen first, then express the plan as tool calls:
- one call per step, in execution order; a later step may use what an earlier step produced
- the smallest plan that does exactly what was asked, and nothing more
- read before you change anything; never delete, overwrite or kill unless the person asked for it
- arguments must match the tool's schema exactly; paths are relative to the working directory
- if you cannot tell what the person means, call ask_user with one question instead of guessing
Start your answer with one sentence that states the goal.`,
  },
];

export interface Example {
  request: string;
  plan: Plan;
}

export interface BuildOptions {
  variant: PromptVariant;
  request: string;
  context: TranslateContext;
  examples: readonly Example[];
  mode: 'tools' | 'json';
  tools: ToolSet;
}

export type Chat = Pick<ChatRequest, 'system' | 'messages' | 'tools' | 'toolChoice' | 'json'>;

export function buildChat(o: BuildOptions): Chat {
  const parts = [o.variant.instructions];
  if (o.mode === 'json') parts.push(jsonInstructions(o.tools));
  const shown = o.examples.slice(0, o.variant.examples);
  if (shown.length) {
    parts.push(
      `Examples of requests and the plans that worked for them:\n${shown
        .map((e) => `Request: ${e.request}\nPlan: ${describePlan(e.plan, o.mode, o.tools)}`)
        .join('\n\n')}`,
    );
  }
  const messages: ChatMessage[] = [{ role: 'user', content: userMessage(o.request, o.context) }];
  return o.mode === 'tools'
    ? { system: parts.join('\n\n'), messages, tools: o.tools.specs, toolChoice: 'required' }
    : { system: parts.join('\n\n'), messages, json: true };
}

/** The conversation extended with the invalid answer and what was wrong with it. */
export function repair(messages: ChatMessage[], answer: ChatResult, problem: string): ChatMessage[] {
  const said = [answer.text.trim(), ...answer.toolCalls.map((c) => `${c.name} ${c.arguments}`)]
    .filter(Boolean)
    .join('\n');
  return [
    ...messages,
    { role: 'assistant', content: said || '(no answer)' },
    {
      role: 'user',
      content: `That plan cannot be used: ${problem}. Answer again with a corrected plan, keeping to the schemas.`,
    },
  ];
}

/** The request with its working context: directory, home and the session's earlier turns. */
export function userMessage(request: string, context: TranslateContext): string {
  const lines = [`Working directory: ${context.cwd}`, `Home: ${context.home}`];
  const turns = (context.history ?? []).slice(-KEY_TURNS);
  if (turns.length) {
    lines.push('Earlier in this session:');
    for (const t of turns) {
      const steps = t.plan.steps.map((s) => `${s.tool}_${s.action} ${JSON.stringify(s.args)}`).join('; ');
      const subjects = t.subjects.length ? ` (it produced: ${t.subjects.slice(0, 20).join(', ')})` : '';
      lines.push(`- "${t.request}" -> ${steps}${subjects}`);
    }
  }
  lines.push(`Request: ${request}`);
  return lines.join('\n');
}

function describePlan(plan: Plan, mode: 'tools' | 'json', tools: ToolSet): string {
  if (mode === 'json') {
    return JSON.stringify({
      goal: plan.goal,
      steps: plan.steps.map((s) => ({ tool: s.tool, action: s.action, args: s.args })),
    });
  }
  const names = new Map([...tools.byName].map(([name, e]) => [`${e.tool}.${e.action}`, name]));
  return plan.steps
    .map((s) => `${names.get(`${s.tool}.${s.action}`) ?? `${s.tool}_${s.action}`} ${JSON.stringify(s.args)}`)
    .join(', then ');
}

function jsonInstructions(tools: ToolSet): string {
  return `Answer with one JSON object and nothing else: {"goal": "...", "steps": [{"tool": "...", "action": "...", "args": {...}}]}, or {"clarify": "your question"} when the request is ambiguous.
${catalogListing(tools)}`;
}

/** The actions a model may use, one a line with its risk and the JSON Schema of its arguments. */
export function catalogListing(tools: ToolSet): string {
  const actions = [...tools.byAction.values()].map(
    (e) => `${e.tool}.${e.action} — ${e.summary} — risk ${e.risk} — ${JSON.stringify(e.args)}`,
  );
  return `The actions you may use (tool.action — what it does — risk — JSON Schema of its args):
${actions.join('\n')}`;
}
