/**
 * Core blocks (Letta/MemGPT's core memory): a few small, named texts per namespace (`persona`,
 * `human`, `preferences`), each with a byte limit, that an agent edits with small verbs (set,
 * append, replace) and hands to its LLM calls (`os.llm.generate({ memory: { core: true } })`).
 * A block is a memory of kind `core` whose metadata names it (`{ block, limit }`), so it is
 * versioned, searchable, exported, quota-counted and audited like any other memory.
 *
 * @example
 * const blocks = new CoreBlocks(engine);
 * await blocks.set('agent/alice', 'human', 'Name: Sam. Prefers tea.');
 * await blocks.append('agent/alice', 'human', 'Allergic to peanuts.');
 * blocks.prompt('agent/alice').text;   // '<memory_blocks>\n…<human bytes="44" limit="2048">\n…'
 */
import { AiosError } from '../../sdk/errors.ts';
import type { MemoryEngine } from './engine.ts';
import { MemoryError } from './errors.ts';
import { MEMORY_TIERS } from './limits.ts';
import type { Memory } from './store.ts';

export interface CoreBlock {
  /** The memory holding it: its history, diff and forget work by this id. */
  id: number;
  namespace: string;
  label: string;
  text: string;
  /** Bytes of UTF-8 it may hold. */
  limit: number;
  bytes: number;
  /** sha256 of the text: what the audit records instead of the content. */
  hash: string;
  version: number;
  updatedAt: number;
}

export interface CorePrompt {
  /** The section the SDK puts before the system prompt; empty when the namespace has no blocks. */
  text: string;
  /** Its estimated size in tokens (characters / 4, as the LLM service counts). */
  tokens: number;
  blocks: { label: string; tokens: number }[];
}

/** Asked before a write: throws (E_QUOTA) when `add` would not fit the namespace's quota. */
export type QuotaCheck = (namespace: string, add: { items: number; bytes: number }) => void;

const LABEL = /^[a-z][a-z0-9_-]*$/;

export function checkLabel(label: string): string {
  if (!LABEL.test(label) || label.length > MEMORY_TIERS.LABEL_MAX_CHARS) {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Block label '${label.slice(0, 40)}' is not a lowercase word; use a-z, digits, _ and - (at most ${MEMORY_TIERS.LABEL_MAX_CHARS} characters), like 'persona'`,
    );
  }
  return label;
}

export class CoreBlocks {
  readonly #engine: MemoryEngine;
  readonly #fits: QuotaCheck;
  /** Writes to one namespace's blocks run one at a time, so two sets of a label make one block. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(engine: MemoryEngine, fits: QuotaCheck = () => {}) {
    this.#engine = engine;
    this.#fits = fits;
  }

  /** The namespace's blocks, oldest first (the order they reach the prompt in). */
  list(namespace: string): CoreBlock[] {
    const blocks: CoreBlock[] = [];
    for (const m of this.#engine.ofKind(namespace, 'core')) {
      const block = toBlock(m);
      if (block) blocks.push(block);
    }
    return blocks;
  }

  get(namespace: string, label: string): CoreBlock {
    checkLabel(label);
    const block = this.list(namespace).find((b) => b.label === label);
    if (!block) {
      throw new MemoryError(
        'E_NOT_FOUND',
        `No core block '${label}' in namespace '${namespace}'; create it with memory set`,
      );
    }
    return block;
  }

  /** Writes block `label` whole, creating it (with `limit`, or the default) if it is new. */
  set(namespace: string, label: string, text: string, limit?: number): Promise<CoreBlock> {
    checkLabel(label);
    return this.#exclusive(namespace, async () => {
      const current = this.list(namespace).find((b) => b.label === label);
      return this.#write(namespace, label, current, text, limit);
    });
  }

  /** Adds `text` on a new line at the end of block `label` (Letta's core_memory_append); creates it if new. */
  append(namespace: string, label: string, text: string): Promise<CoreBlock> {
    checkLabel(label);
    return this.#exclusive(namespace, async () => {
      const current = this.list(namespace).find((b) => b.label === label);
      const next = current ? `${current.text}\n${text}` : text;
      return this.#write(namespace, label, current, next);
    });
  }

  /** Replaces every occurrence of `old` in block `label` with `text` (Letta's core_memory_replace). */
  replace(namespace: string, label: string, old: string, text: string): Promise<CoreBlock> {
    checkLabel(label);
    return this.#exclusive(namespace, async () => {
      const current = this.get(namespace, label);
      if (!current.text.includes(old)) {
        throw new MemoryError(
          'E_NOT_FOUND',
          `Core block '${label}' does not contain '${old.slice(0, 60)}'; read it with memory block ${label}`,
        );
      }
      return this.#write(namespace, label, current, current.text.split(old).join(text));
    });
  }

  /**
   * The blocks as they reach the LLM: one delimited section, each block a tag named for its
   * label, within `budget` tokens; when they do not fit, E_TOO_BIG names the block that crosses
   * it (nothing is cut silently).
   */
  prompt(namespace: string, budget: number = MEMORY_TIERS.PROMPT_TOKENS_DEFAULT): CorePrompt {
    const blocks = this.list(namespace);
    if (blocks.length === 0) return { text: '', tokens: 0, blocks: [] };
    const parts = [HEADER(namespace)];
    const sizes: CorePrompt['blocks'] = [];
    for (const b of blocks) {
      const part = `<${b.label} bytes="${b.bytes}" limit="${b.limit}">\n${escapeBlock(b.text)}\n</${b.label}>`;
      parts.push(part);
      sizes.push({ label: b.label, tokens: tokensOf(part) });
      const total = tokensOf([...parts, FOOTER].join('\n'));
      if (total > budget) {
        throw new MemoryError(
          'E_TOO_BIG',
          `Core block '${b.label}' does not fit: the core blocks up to it need ${total} tokens, over the ${budget}-token budget; shorten '${b.label}' (memory set) or give the call a larger budget (at most ${MEMORY_TIERS.PROMPT_TOKENS_MAX})`,
        );
      }
    }
    parts.push(FOOTER);
    const text = parts.join('\n');
    return { text, tokens: tokensOf(text), blocks: sizes };
  }

  async #write(
    namespace: string,
    label: string,
    current: CoreBlock | undefined,
    text: string,
    limit?: number,
  ): Promise<CoreBlock> {
    const max = limit ?? current?.limit ?? MEMORY_TIERS.BLOCK_BYTES_DEFAULT;
    if (!Number.isInteger(max) || max < 1 || max > MEMORY_TIERS.BLOCK_BYTES_MAX) {
      throw new MemoryError(
        'E_BAD_ARGUMENT',
        `Block limit '${max}' is not a whole number of bytes from 1 to ${MEMORY_TIERS.BLOCK_BYTES_MAX}`,
      );
    }
    if (text.trim() === '') {
      throw new MemoryError(
        'E_BAD_ARGUMENT',
        `Core block '${label}' would be empty; give it some text, or forget memory ${current?.id ?? '(none yet)'} to remove it`,
      );
    }
    const bytes = Buffer.byteLength(text);
    if (bytes > max) {
      throw new MemoryError(
        'E_TOO_BIG',
        `Core block '${label}' would hold ${bytes} bytes, over its ${max}-byte limit; shorten it, or set it with a larger limit (at most ${MEMORY_TIERS.BLOCK_BYTES_MAX})`,
      );
    }
    const metadata = { block: label, limit: max };
    const size = bytes + Buffer.byteLength(JSON.stringify(metadata));
    if (current === undefined) {
      const count = this.list(namespace).length;
      if (count >= MEMORY_TIERS.BLOCKS_MAX) {
        throw new AiosError(
          'E_QUOTA',
          `Namespace '${namespace}' holds ${count} core blocks, the most it may; forget one (memory blocks lists their ids) before adding '${label}'`,
        );
      }
      this.#fits(namespace, { items: 1, bytes: size });
      const [m] = await this.#engine.put(namespace, [{ text, kind: 'core', metadata }], { link: false });
      return toBlock(m)!;
    }
    const before = current.bytes + Buffer.byteLength(JSON.stringify({ block: label, limit: current.limit }));
    this.#fits(namespace, { items: 0, bytes: size - before });
    return toBlock(await this.#engine.update(namespace, current.id, { text, kind: 'core', metadata }))!;
  }

  #exclusive<T>(namespace: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(namespace) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => {});
    this.#queues.set(namespace, settled);
    void settled.then(() => {
      if (this.#queues.get(namespace) === settled) this.#queues.delete(namespace);
    });
    return run;
  }
}

/** The memory as a block, or undefined for a core memory that names none (written before blocks). */
function toBlock(m: Memory): CoreBlock | undefined {
  const { block, limit } = m.metadata as { block?: unknown; limit?: unknown };
  if (typeof block !== 'string' || typeof limit !== 'number') return undefined;
  return {
    id: m.id,
    namespace: m.namespace,
    label: block,
    text: m.text,
    limit,
    bytes: Buffer.byteLength(m.text),
    hash: m.hash,
    version: m.version,
    updatedAt: m.updatedAt,
  };
}

const HEADER = (namespace: string) =>
  `<memory_blocks>\nYour core memory: blocks you keep in memoryd's namespace '${namespace}' and change with memory set, append and replace. Each block's text is between its tags.`;
const FOOTER = '</memory_blocks>';

/** A block's text cannot close its tag or the section early: '</' in it is written '<\/'. */
export function escapeBlock(text: string): string {
  return text.replaceAll('</', '<\\/');
}

function tokensOf(text: string): number {
  return Math.ceil(text.length / MEMORY_TIERS.CHARS_PER_TOKEN);
}
