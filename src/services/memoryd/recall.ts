/**
 * Recall memory (Letta/MemGPT's third tier): an agent's LLM conversation, recorded when the
 * agent asks (`os.llm.generate({ memory: { record: true } })`, or `memory record`). Each side of
 * an exchange is a memory of kind `recall` with its role, model, tokens and time in the metadata,
 * so it is searchable (`kinds: ['recall']`), listed in order (`conversation`), counted against
 * the namespace's quotas and purged by forget like any other memory. A side longer than one
 * memory is stored in parts, in order.
 *
 * @example
 * const recall = new Recall(engine);
 * await recall.record('agent/alice', { prompt: 'Hi', answer: 'Hello!', model: 'small', input: 3, output: 2 });
 * recall.conversation('agent/alice', { limit: 10 });   // [{ kind: 'recall', text: 'Hi', metadata: { role: 'user', … } }, …]
 */
import type { QuotaCheck } from './blocks.ts';
import type { MemoryEngine } from './engine.ts';
import { MEMORY_LIMITS, MEMORY_TIERS } from './limits.ts';
import type { Memory } from './store.ts';
import type { MemoryInput } from './validate.ts';

export interface Exchange {
  /** What the agent asked (the prompt, without the system prompt and core blocks). */
  prompt: string;
  /** What the model answered. */
  answer: string;
  model: string;
  /** Tokens of the prompt and of the answer, as the provider counted them. */
  input?: number;
  output?: number;
}

export class Recall {
  readonly #engine: MemoryEngine;
  readonly #fits: QuotaCheck;
  readonly #now: () => number;

  constructor(engine: MemoryEngine, options: { fits?: QuotaCheck; now?: () => number } = {}) {
    this.#engine = engine;
    this.#fits = options.fits ?? (() => {});
    this.#now = options.now ?? Date.now;
  }

  /**
   * Stores both sides of `exchange`, the prompt first, in one write: all of it or nothing. A side
   * with no text but spaces (a model that answered nothing) is not stored.
   */
  async record(namespace: string, exchange: Exchange): Promise<Memory[]> {
    const at = this.#now();
    const inputs: MemoryInput[] = [
      ...sides(exchange.prompt, { role: 'user', model: exchange.model, tokens: exchange.input, at }),
      ...sides(exchange.answer, { role: 'assistant', model: exchange.model, tokens: exchange.output, at }),
    ];
    const bytes = inputs.reduce(
      (sum, m) => sum + Buffer.byteLength(m.text) + Buffer.byteLength(JSON.stringify(m.metadata)),
      0,
    );
    this.#fits(namespace, { items: inputs.length, bytes });
    // No auto-links: a conversation is a log in order, not notes to relate
    return this.#engine.put(namespace, inputs, { link: false });
  }

  /** The recorded messages in order: the last `limit`, or the `limit` after memory `after`. */
  conversation(namespace: string, page: { after?: number; limit?: number } = {}): Memory[] {
    return this.#engine.ofKind(namespace, 'recall', {
      after: page.after,
      limit: page.limit ?? MEMORY_TIERS.CONVERSATION_PAGE_DEFAULT,
    });
  }
}

/** One side as memories: one, or parts of at most a memory's size each (cut between characters). */
function sides(
  text: string,
  meta: { role: 'user' | 'assistant'; model: string; tokens?: number; at: number },
): MemoryInput[] {
  // Only spaces (an empty answer, a run of blank lines at a cut) say nothing and cannot be a memory
  const parts = split(text, MEMORY_LIMITS.TEXT_MAX_BYTES).filter((p) => p.trim() !== '');
  const base: Record<string, unknown> = { role: meta.role, model: meta.model, at: meta.at };
  if (meta.tokens !== undefined) base.tokens = meta.tokens;
  return parts.map((part, i) => ({
    text: part,
    kind: 'recall',
    metadata: parts.length === 1 ? base : { ...base, part: i + 1, parts: parts.length },
  }));
}

function split(text: string, maxBytes: number): string[] {
  if (Buffer.byteLength(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts;
}
