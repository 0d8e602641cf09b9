/**
 * The small "add memory" form: a text and one of the namespaces this session may write. It adds
 * archival memories; core blocks and the recorded conversation have their own operations
 * (memory set, memory record), which put refuses to stand in for.
 */
import { useState } from 'preact/hooks';
import { useAction } from '../hooks.ts';
import { explain, memory } from '../memory.ts';
import type { Memory, MemoryNamespace } from '../types.ts';

interface Props {
  namespaces: readonly MemoryNamespace[];
  added: (m: Memory) => void;
}

export function MemoryAdd({ namespaces, added }: Props) {
  const writable = namespaces.filter((n) => n.access !== 'read');
  const [text, setText] = useState('');
  const own = writable.find((n) => n.access === 'admin');
  const [picked, setPicked] = useState<string | undefined>();
  // '' is the session's own namespace before its first memory: the list shows it once it exists
  const namespace = picked ?? own?.name ?? '';
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const put = useAction(async () => {
    setNotice('');
    setError('');
    try {
      const m = await memory('put', { namespace: namespace || undefined, text });
      setText('');
      setNotice(`Added memory #${m.id} to ${m.namespace}`);
      added(m);
    } catch (e) {
      setError(explain(e, namespace || undefined, 'write'));
    }
  });
  return (
    <form
      class="memory-add"
      aria-labelledby="memory-add-h"
      onSubmit={(e) => {
        e.preventDefault();
        void put.run();
      }}
    >
      <h3 id="memory-add-h">Add a memory</h3>
      <textarea
        aria-label="Memory text"
        placeholder="e.g. Dana looks after the yearly audit"
        rows={2}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <div class="row">
        <select
          aria-label="Namespace to add to"
          value={namespace}
          onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}
        >
          {!own && <option value="">your own</option>}
          {writable.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name}
            </option>
          ))}
        </select>
        <button type="submit" class="primary" disabled={put.busy || text.trim() === ''}>
          {put.busy ? 'Adding…' : 'Add'}
        </button>
      </div>
      <div aria-live="polite">
        {notice && <p class="notice">{notice}</p>}
        {error && <p class="error">{error}</p>}
      </div>
    </form>
  );
}
