/**
 * An assistant that remembers its user's preferences across restarts, in a core block (a small
 * named memory its LLM calls can be handed). The first run learns them; every later run, after
 * `aios down` and `aios up` too, finds them where it left them. With an LLM granted, it also asks
 * the model with its core memory and records the exchange (recall memory).
 *
 *   npx aios up &
 *   npx aios run examples/agents/preferences.ts                # learns: { learned: … }
 *   npx aios down && npx aios up &
 *   npx aios run examples/agents/preferences.ts                # remembers: { remembered: … }
 *   npx aios run examples/agents/preferences.ts --grant llm    # and asks the model with them
 *   npx aios memory blocks --namespace agent/preferences.ts    # what it keeps, as the owner
 */
import type { Os } from '../../src/sdk/index.ts';

const LEARNED = 'Name: Sam. Drinks green tea, never coffee. No meetings before 10:00.';

export default async function preferences(os: Os) {
  const { blocks } = await os.memory.blocks({});
  const human = blocks.find((b) => b.label === 'human');
  if (human === undefined) {
    // First run: what it learnt of its user, as a block of at most 1 KiB
    const block = await os.memory.set({ label: 'human', text: LEARNED, limit: 1024 });
    return { learned: block.text, version: block.version };
  }
  const result: Record<string, unknown> = { remembered: human.text, version: human.version };
  if (os.handles.llm !== undefined) {
    const answer = await os.llm.generate({
      prompt: 'Suggest a time and a drink for my next meeting, in one line.',
      memory: { core: true, record: true },
    });
    result.suggestion = answer.text;
    result.recorded = answer.recorded;
  }
  return result;
}
