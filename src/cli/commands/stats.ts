/**
 * aios stats: LLM tokens and cost per model, the plan cache, translations and feedback,
 * prompt variants and provider breakers, from $AIOS_HOME/intel.db.
 */
import { type Command, durationArg } from '../command.ts';
import { duration, table } from '../format.ts';

const stats: Command = {
  name: 'stats',
  summary: 'LLM tokens and cost per model, plan cache and feedback',
  usage: ['stats [--since DURATION] [--json]'],
  help: `Options:
  --since D   only what happened in the last D (e.g. 1h, 7d)

Figures are kept in $AIOS_HOME/intel.db and survive restarts. Models are configured in
$AIOS_HOME/config.json or with AIOS_LLM_* variables (docs/llm.md).`,
  options: { since: { type: 'string' } },
  async run(ctx) {
    const sinceMs = durationArg(ctx.values.since, '--since');
    const { statsReport } = await import('../../intel/report.ts');
    const report = statsReport(ctx.home, { sinceMs });
    if (ctx.json) {
      ctx.out(JSON.stringify(report ?? null));
      return 0;
    }
    if (!report) {
      ctx.out('No LLM use recorded yet. Configure a model (docs/llm.md) and run aios do.');
      return 0;
    }
    const when = sinceMs === undefined ? '' : ` in the last ${ctx.values.since}`;
    if (report.models.length === 0) ctx.out(`No LLM calls${when}.`);
    else {
      ctx.out(`LLM calls${when}:`);
      const rows = report.models.map((m) => [
        `${m.model}${m.estimated ? ' ~' : ''}`,
        m.provider,
        m.role,
        m.calls,
        m.failed,
        m.input,
        m.output,
        usd(m.costUsd),
        `${Math.round(m.avgLatencyMs)} ms`,
      ]);
      const t = report.totals;
      const failed = report.models.reduce((n, m) => n + m.failed, 0);
      rows.push(['total', '', '', t.calls, failed, t.input, t.output, usd(t.costUsd), '']);
      for (const line of table(
        [
          'MODEL',
          'PROVIDER',
          'ROLE',
          'CALLS',
          'FAILED',
          'INPUT TOKENS',
          'OUTPUT TOKENS',
          'COST',
          'AVG LATENCY',
        ],
        rows,
      ))
        ctx.out(line);
      if (report.models.some((m) => m.estimated)) {
        ctx.out('~ token counts estimated from text length: the server reported no usage');
      }
    }
    const c = report.cache;
    const lookups = c.hits + c.misses;
    ctx.out('');
    ctx.out(
      `Plan cache: ${plural(c.entries, 'plan')}, ${plural(c.hits, 'hit')} and ${plural(c.misses, 'miss')}${
        lookups ? ` (${Math.round((100 * c.hits) / lookups)}% hit rate)` : ''
      }`,
    );
    const sources = Object.entries(report.translations);
    const total = sources.reduce((n, [, v]) => n + v, 0);
    ctx.out(
      `Translations: ${total}${total ? ` (${sources.map(([s, n]) => `${s} ${n}`).join(', ')})` : ''}; feedback ${
        report.feedback.up
      } up, ${report.feedback.down} down${report.feedback.pending ? `, ${report.feedback.pending} not yet linked` : ''}`,
    );
    ctx.out('');
    ctx.out('Prompt variants:');
    for (const line of table(
      ['VARIANT', 'JUDGED', 'SUCCESS', 'STATUS'],
      report.variants.map((v) => [
        v.id,
        v.trials,
        v.trials ? `${Math.round(v.rate * 100)}%` : '-',
        v.champion ? 'champion' : 'challenger',
      ]),
    ))
      ctx.out(line);
    const troubled = report.breakers.filter((b) => b.state !== 'closed' || b.failures > 0);
    if (troubled.length) {
      ctx.out('');
      for (const b of troubled) {
        ctx.out(
          `Provider ${b.provider}: circuit ${b.state.replace('_', '-')}` +
            (b.state === 'closed'
              ? `, ${b.failures} failures in a row`
              : ` for ${duration(Date.now() - b.since)}`),
        );
      }
    }
    return 0;
  },
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

function usd(n: number): string {
  if (n === 0) return '$0';
  return n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

export default stats;
