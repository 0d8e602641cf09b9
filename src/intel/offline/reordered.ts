/**
 * The rewrites that put what a person said first into the order the rules read, one concept
 * per file, applied in this order to one normalised clause before the other idioms: a topic
 * said first (topic-first.ts), sizes and size questions (size-questions.ts), counting questions
 * (count-questions.ts), look-ups (lookups.ts), a new file's text said before its name
 * (new-file-text.ts), and a text edit in any order (edit-orders.ts).
 *
 * @example
 * reordered('_f0_ - how many bytes is it', ['report.pdf']); // 'how big is _f0_'
 */
import { countQuestions } from './count-questions.ts';
import { editOrders } from './edit-orders.ts';
import { lookups } from './lookups.ts';
import { newFileText } from './new-file-text.ts';
import { sizeQuestions } from './size-questions.ts';
import { topicFirst } from './topic-first.ts';

/** `text` with what was said first in the order the rules read (`files`: the names of its _fN_). */
export function reordered(text: string, files: readonly string[] = []): string {
  return editOrders(newFileText(lookups(countQuestions(sizeQuestions(topicFirst(text))))), files);
}
