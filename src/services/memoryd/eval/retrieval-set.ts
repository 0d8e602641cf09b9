/**
 * The labelled retrieval set that measures memoryd's search: hand-written memories, each with
 * a question written apart from it (test/fixtures/memory/pairs-*.txt), hand-written hard
 * distractors (distractors.txt) and seeded everyday fillers (fillers.ts). Every third question
 * is held out: nothing is tuned on it.
 *
 * @example
 * const set = loadRetrievalSet();
 * set.memories.length;   // >= 3000
 * set.dev[0];            // { question, answer: index into set.memories }
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillers } from './fillers.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'memory');

export interface LabelledQuestion {
  question: string;
  /** Index in RetrievalSet.memories of the one memory that answers it. */
  answer: number;
}

export interface RetrievalSet {
  memories: string[];
  dev: LabelledQuestion[];
  heldOut: LabelledQuestion[];
}

function lines(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export function loadRetrievalSet(options: { total?: number; seed?: number } = {}): RetrievalSet {
  const memories: string[] = [];
  const questions: LabelledQuestion[] = [];
  for (const file of readdirSync(FIXTURES)
    .filter((f) => f.startsWith('pairs-'))
    .sort()) {
    for (const line of lines(file)) {
      const [memory, question] = line.split(' | ');
      questions.push({ question, answer: memories.length });
      memories.push(memory);
    }
  }
  memories.push(...lines('distractors.txt'));
  const seen = new Set(memories);
  const wanted = (options.total ?? 3200) - memories.length;
  for (const f of fillers(wanted + 50, options.seed ?? 21)) {
    if (memories.length >= (options.total ?? 3200)) break;
    if (!seen.has(f)) memories.push(f);
  }
  return {
    memories,
    dev: questions.filter((_, i) => i % 3 !== 2),
    heldOut: questions.filter((_, i) => i % 3 === 2),
  };
}
