/**
 * aios feedback up|down [ID]: rate the plan of the last `aios do` (or a named one). Good
 * plans become examples for similar requests; a bad one leaves the plan cache at once.
 */
import { type Command, need, UsageError } from '../command.ts';

const feedback: Command = {
  name: 'feedback',
  summary: 'Rate the plan of the last (or a named) aios do: up or down',
  usage: ['feedback up|down [ID] [--json]'],
  help: `ID is the history id of a request (see aios history) or a translation id; the default
is 'last', the most recent request. A vote is kept even when its ID is not known yet and
counts once that request is linked.

Examples:
  aios feedback up
  aios feedback down 42`,
  maxPositionals: 2,
  async run(ctx) {
    const vote = need(ctx, 0, "vote ('up' or 'down')");
    if (vote !== 'up' && vote !== 'down')
      throw new UsageError(`the vote must be 'up' or 'down', not '${vote}'`);
    const ref = ctx.positionals[1] ?? 'last';
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(ref)) {
      throw new UsageError(`'${ref}' is not a history id; see aios history for the ids`);
    }
    const { recordFeedback } = await import('../../intel/index.ts');
    const result = await recordFeedback(ctx.home, ref, vote);
    if (ctx.json) {
      ctx.out(JSON.stringify({ ref, vote, applied: result.translationId !== undefined, ...result }));
    } else if (result.translationId) {
      ctx.out(`Recorded ${vote} for '${result.request}' (translation ${result.translationId})`);
    } else if (ref === 'last') {
      ctx.out(`Recorded ${vote}; no translated request is on record yet to apply it to`);
    } else {
      ctx.out(`Recorded ${vote} for '${ref}'; it counts once that request is linked to its translation`);
    }
    return 0;
  },
};

export default feedback;
