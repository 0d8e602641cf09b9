/**
 * `os.llm`: text generation on the scheduled LLM service, optionally with the agent's memory
 * tiers. With `memory.core` the namespace's core blocks go before the system prompt; with
 * `memory.record` both sides of the exchange are stored as recall memory. Both are done here,
 * as the agent, through its own connection to memoryd: the agent gets exactly what it could read
 * or write with `os.memory.*` itself, and the LLM service and the kernel learn nothing new.
 *
 * @example
 * await os.memory.set({ label: 'human', text: 'Name: Sam. Prefers tea.' });
 * const { text } = await os.llm.generate({
 *   prompt: 'What should I offer Sam to drink?',
 *   memory: { core: true, record: true },
 * });
 */
import type { ServiceClient } from '../services/declare.ts';
import type { Memoryd } from '../services/memoryd/ops.ts';
import { AiosError } from './errors.ts';

export interface LlmMemoryOptions {
  /** Hand the core blocks to the model, before the system prompt. */
  core?: boolean;
  /** Record the prompt and the answer as recall memory. */
  record?: boolean;
  /** Whose blocks and conversation: the agent's own namespace unless given (it needs the rights). */
  namespace?: string;
  /** Tokens the core blocks may take (memoryd's default, 4096, unless given). */
  budget?: number;
}

export interface LlmRequest {
  prompt: string;
  system?: string;
  maxTokens?: number;
  model?: string;
  memory?: LlmMemoryOptions;
}

export interface Generated {
  text: string;
  /** Tokens spent, prompt and completion together. */
  tokens: number;
  model?: string;
  usage?: { input: number; output: number };
  costUsd?: number;
  /** With memory.record: the ids of the recall memories that hold the exchange, prompt first. */
  recorded?: number[];
}

const OPTIONS = ['core', 'record', 'namespace', 'budget'];

export function createLlm(
  generate: (request: Omit<LlmRequest, 'memory'>) => Promise<Generated>,
  memory: ServiceClient<Memoryd>,
) {
  return {
    generate: async (request: LlmRequest): Promise<Generated> => {
      // Without memory the request goes as it came: the LLM service checks it
      if (request === null || typeof request !== 'object' || request.memory === undefined)
        return generate(request);
      const { memory: wants, ...plain } = request;
      checkOptions(wants);
      const namespace = wants.namespace;
      let system = plain.system;
      if (wants.core) {
        // memoryd checks this agent's right to read the namespace, and the budget
        const { text } = await memory.prompt({ namespace, budget: wants.budget });
        if (text !== '') system = system === undefined ? text : `${text}\n\n${system}`;
      }
      const answer = await generate(system === undefined ? plain : { ...plain, system });
      if (!wants.record) return answer;
      try {
        const { memories } = await memory.record({
          namespace,
          prompt: plain.prompt,
          answer: answer.text,
          model: answer.model ?? plain.model ?? 'unknown',
          input: answer.usage?.input,
          output: answer.usage?.output,
        });
        return { ...answer, recorded: memories.map((m) => m.id) };
      } catch (error) {
        if (!AiosError.is(error)) throw error;
        throw new AiosError(
          error.code,
          `The model answered, but the exchange was not recorded: ${error.message}`,
        );
      }
    },
  };
}

function checkOptions(wants: LlmMemoryOptions): void {
  if (wants === null || typeof wants !== 'object' || Array.isArray(wants)) {
    throw new AiosError(
      'E_BAD_ARG',
      'os.llm.generate: memory must be an object like { core: true, record: true }',
    );
  }
  for (const [key, value] of Object.entries(wants)) {
    if (!OPTIONS.includes(key)) {
      throw new AiosError(
        'E_BAD_ARG',
        `os.llm.generate: memory.${key} is not an option; use ${OPTIONS.join(', ')}`,
      );
    }
    const type = key === 'namespace' ? 'string' : key === 'budget' ? 'number' : 'boolean';
    if (value !== undefined && typeof value !== type) {
      throw new AiosError(
        'E_BAD_ARG',
        `os.llm.generate: memory.${key} must be a ${type}, not '${String(value)}'`,
      );
    }
  }
}
