/**
 * A namespace's core blocks (memoryd's `blocks`): the small named texts its agent hands to its
 * LLM calls, each with its size against its limit. Block text is untrusted and shown as text.
 */
import { useEffect, useState } from 'preact/hooks';
import { explain, memory } from '../memory.ts';
import type { CoreBlock } from '../types.ts';
import { age } from './MemoryDetail.tsx';

interface Props {
  namespace: string;
  /** Changes when the panel is refreshed: the blocks are read again. */
  reloads: number;
}

export function MemoryBlocks({ namespace, reloads }: Props) {
  const [blocks, setBlocks] = useState<CoreBlock[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    setBlocks(undefined);
    setError('');
    memory('blocks', { namespace }).then(
      (r) => current && setBlocks(r.blocks),
      (e: unknown) => current && setError(explain(e, namespace)),
    );
    return () => {
      current = false;
    };
  }, [namespace, reloads]);
  return (
    <section class="memory-blocks" aria-labelledby="memory-blocks-h" data-testid="memory-blocks">
      <h3 id="memory-blocks-h">Core blocks of {namespace}</h3>
      {error && <p class="error">{error}</p>}
      {blocks && blocks.length === 0 && (
        <p class="muted">
          None yet. An agent writes them with os.memory.set; the owner with{' '}
          <code>aios memory set persona "…" --namespace {namespace}</code>
        </p>
      )}
      {blocks && blocks.length > 0 && (
        <dl>
          {blocks.map((b) => (
            <div key={b.id} class="memory-block">
              <dt>
                <span class="kind kind-core">{b.label}</span>{' '}
                <span class="muted" title="bytes used of the block's limit">
                  {b.bytes} / {b.limit} B · #{b.id} · v{b.version} · {age(b.updatedAt)}
                </span>
              </dt>
              <dd class="memory-text">{b.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
