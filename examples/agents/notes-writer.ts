/**
 * One of two agents sharing a namespace: this one writes what it learns into its own namespace
 * (`agent/notes-writer`) and lets `notes-reader` read it. The reader (notes-reader.ts) then finds
 * the notes by meaning, in words they do not share.
 *
 *   npx aios up &
 *   npx aios run examples/agents/notes-writer.ts --name notes-writer
 *   npx aios run examples/agents/notes-reader.ts --name notes-reader
 */
import type { Os } from '../../src/sdk/index.ts';

const NOTES = [
  'Dana handles the annual audit and wants the receipts by March.',
  'The office plants are watered on Fridays.',
  'The staging server restarts every night at two.',
];

export default async function notesWriter(os: Os) {
  const { hits } = await os.memory.search({ query: 'annual audit', limit: 1, mode: 'lexical' });
  if (hits.length === 0) for (const text of NOTES) await os.memory.put({ text });
  const share = await os.memory.share({ agent: 'notes-reader', access: 'read' });
  return { wrote: hits.length === 0 ? NOTES.length : 0, shared: share };
}
