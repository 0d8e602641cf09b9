/**
 * The other agent of notes-writer.ts: it searches the writer's namespace, which the writer
 * shared with it (read only), by meaning: "who looks after the yearly financial review" finds
 * "Dana handles the annual audit". Writing there is refused (E_NO_RIGHTS): a read share is not a
 * write share.
 *
 *   npx aios run examples/agents/notes-writer.ts --name notes-writer
 *   npx aios run examples/agents/notes-reader.ts --name notes-reader
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function notesReader(os: Os) {
  const namespace = 'agent/notes-writer';
  const { hits } = await os.memory.search({
    namespace,
    query: 'who looks after the yearly financial review',
    limit: 1,
  });
  let write = 'allowed';
  try {
    await os.memory.put({ namespace, text: 'The audit is cancelled' });
  } catch (error) {
    write = (error as { code: string }).code;
  }
  return { found: hits[0]?.text, write };
}
