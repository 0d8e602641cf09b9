/**
 * memoryd's operations on Letta's tiers, part of its one declaration (ops.ts spreads them in):
 * core blocks (`blocks`, `block`, `set`, `append`, `replace`, `prompt`) and recall memory
 * (`record`, `conversation`). The SDK, `aios memory …`, `/v1/memory/…` and MCP derive from it.
 *
 * @example
 * await os.memory.set({ label: 'human', text: 'Name: Sam. Prefers tea.' });
 * await os.memory.replace({ label: 'human', old: 'tea', new: 'coffee' });
 * const { messages } = await os.memory.conversation({ limit: 20 });
 */
import { z } from 'zod';
import { RISK } from '../../kernel/risk.ts';
import { op } from '../declare.ts';
import { MEMORY_LIMITS, MEMORY_TIERS } from './limits.ts';
import type { Memory as MemorySchema } from './ops.ts';

export function tierOps(Memory: typeof MemorySchema) {
  const Namespace = z.string().min(1).max(MEMORY_LIMITS.NAMESPACE_MAX_CHARS).optional();
  const Label = z.string().min(1).max(MEMORY_TIERS.LABEL_MAX_CHARS);
  const Block = z.object({
    id: z.number().int(),
    namespace: z.string(),
    label: z.string(),
    text: z.string(),
    limit: z.number().int(),
    bytes: z.number().int(),
    hash: z.string(),
    version: z.number().int(),
    updatedAt: z.number(),
  });
  return {
    blocks: op({
      summary: "The namespace's core blocks: the small named texts its LLM calls can be handed",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ namespace: Namespace }),
      result: z.object({ blocks: z.array(Block) }),
    }),
    block: op({
      summary: 'Read one core block by its label',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ namespace: Namespace, label: Label }),
      result: Block,
      cli: { positional: ['label'] },
    }),
    set: op({
      summary: `Write a core block whole, creating it if new (limit: its bytes, ${MEMORY_TIERS.BLOCK_BYTES_DEFAULT} unless given)`,
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({
        namespace: Namespace,
        label: Label,
        text: z.string().min(1),
        limit: z.number().int().min(1).max(MEMORY_TIERS.BLOCK_BYTES_MAX).optional(),
      }),
      result: Block,
      cli: { positional: ['label', 'text'] },
    }),
    append: op({
      summary: 'Add a line at the end of a core block (creating it if new)',
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({ namespace: Namespace, label: Label, text: z.string().min(1) }),
      result: Block,
      cli: { positional: ['label', 'text'] },
    }),
    replace: op({
      summary: 'Replace every occurrence of some text in a core block',
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({ namespace: Namespace, label: Label, old: z.string().min(1), new: z.string() }),
      result: Block,
      cli: { positional: ['label', 'old', 'new'] },
    }),
    prompt: op({
      summary: 'The core blocks as an LLM call receives them, within a token budget',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        namespace: Namespace,
        budget: z.number().int().min(1).max(MEMORY_TIERS.PROMPT_TOKENS_MAX).optional(),
      }),
      result: z.object({
        text: z.string(),
        tokens: z.number().int(),
        blocks: z.array(z.object({ label: z.string(), tokens: z.number().int() })),
      }),
    }),
    record: op({
      summary: 'Record one exchange with a model (both sides) as recall memory',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        namespace: Namespace,
        prompt: z.string().min(1),
        answer: z.string(),
        model: z.string().min(1).max(200),
        input: z.number().int().min(0).optional(),
        output: z.number().int().min(0).optional(),
      }),
      result: z.object({ memories: z.array(Memory) }),
    }),
    conversation: op({
      summary: 'The recorded conversation in order: the last messages, or those after an id',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        namespace: Namespace,
        /** Another agent's conversation, for the owner or an agent it shared its namespace with. */
        agent: z.string().min(1).max(MEMORY_LIMITS.NAMESPACE_MAX_CHARS).optional(),
        after: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(MEMORY_TIERS.CONVERSATION_PAGE_MAX).optional(),
      }),
      result: z.object({ messages: z.array(Memory) }),
    }),
  };
}
