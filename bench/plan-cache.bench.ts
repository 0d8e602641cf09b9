/**
 * A cached LLM plan against its uncached peer, in one run: the full cascade translate() of
 * a request whose plan is cached (in memory, as in a shell session; and in SQLite only, as in
 * a fresh `aios do` process) versus the same requests answered by a model over HTTP from the
 * local protocol server (streamed OpenAI chat completions with tool calls). The local server
 * does no inference, so the uncached figure is a floor for a real model.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CascadeTranslator } from '../src/intel/cascade.ts';
import { createTranslator } from '../src/intel/index.ts';
import type { CatalogEntry, TranslateContext } from '../src/intel/intent.ts';
import { CATALOG, fixtureOffline } from '../test/helpers/catalog-fixture.ts';
import { startLlmServer } from '../test/helpers/llm-server.ts';
import { fmt, mdTable, median, percentile, type Section, verdict } from './lib.ts';

const UNCACHED = 60;
const HITS = 3000;
const TARGET_MS = 1;

/** About the size of the real catalog: the fixture's actions repeated under 12 tools. */
function bigCatalog(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (let i = 0; i < 12; i++) for (const e of CATALOG) out.push({ ...e, tool: `${e.tool}${i || ''}` });
  return out;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export default async function (): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-plan-cache-'));
  const server = await startLlmServer();
  const translators: CascadeTranslator[] = [];
  try {
    const home = join(dir, '.aios');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(home, { recursive: true });
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({
        llm: {
          providers: { local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 10_000 } },
          models: { cheap: { provider: 'local', model: 'bench-model' } },
        },
      }),
    );
    server.fallback = () => ({
      kind: 'tools',
      text: 'Show the largest files.',
      calls: [{ name: 'files_find', args: { sort: 'size', limit: 5 } }],
    });
    const catalog = bigCatalog();
    const open = async () => {
      const t = (await createTranslator({
        home,
        env: {},
        offline: fixtureOffline,
        catalog: () => catalog,
      })) as CascadeTranslator;
      translators.push(t);
      return t;
    };
    const context: TranslateContext = { cwd: dir, home: dir, catalog };
    const requests = Array.from({ length: UNCACHED }, (_, i) => `show the ${i + 1} biggest files here`);

    const translator = await open();
    await translator.translate('warm up the connection', context);
    const uncached: number[] = [];
    for (const r of requests) uncached.push(await time(() => translator.translate(r, context)));

    const memory: number[] = [];
    for (let i = 0; i < HITS; i++) {
      const r = requests[i % requests.length];
      memory.push(await time(() => translator.translate(r, context)));
    }

    // A fresh process: the memory LRU is empty, every first lookup reads SQLite.
    const store: number[] = [];
    for (let round = 0; round < 10; round++) {
      const fresh = await open();
      for (const r of requests) store.push(await time(() => fresh.translate(r, context)));
    }

    // The catalog rebuilt for every request (a new array): its hash is recomputed each time.
    const rebuilt: number[] = [];
    for (let i = 0; i < HITS / 3; i++) {
      const r = requests[i % requests.length];
      rebuilt.push(await time(() => translator.translate(r, { ...context, catalog: [...catalog] })));
    }

    const requestsSent = server.requests.length;
    const row = (name: string, v: number[], target: boolean) => [
      name,
      v.length,
      fmt(median(v), 3),
      fmt(percentile(v, 99), 3),
      target ? `p50 ≤ ${TARGET_MS} ms: ${verdict(median(v) <= TARGET_MS)}` : 'peer',
    ];
    const hitP50 = Math.max(median(memory), median(store));
    const body = `${mdTable(
      ['path', 'runs', 'p50 ms', 'p99 ms', 'target'],
      [
        row(`uncached: LLM over HTTP (local server, streamed, ${catalog.length} tools)`, uncached, false),
        row('cached, memory LRU hit (shell session)', memory, true),
        row('cached, SQLite hit, cold memory (fresh aios do)', store, true),
        row('cached, memory hit, catalog array rebuilt per request', rebuilt, true),
      ],
    )}

Cached plan vs uncached: **${fmt(median(uncached) / hitP50, 0)}×** faster at p50 (slower cached path).
Every figure is the whole \`translate()\` of the cascade: normalise, key (SHA-256 over request,
cwd, home, recent turns, catalog hash), lookup, and the translation recorded in intel.db for
feedback. The uncached path sent ${requestsSent} requests to a local server that answers at once,
so a real model adds its inference time on top.`;
    return {
      title: 'Plan cache: a cached LLM plan vs the uncached path',
      body,
      verdicts: {
        memory: median(memory) <= TARGET_MS,
        store: median(store) <= TARGET_MS,
        rebuilt: median(rebuilt) <= TARGET_MS,
      },
    };
  } finally {
    for (const t of translators) t.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
