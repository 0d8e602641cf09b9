/**
 * The dashboard: first load on loopback, the size of what it ships, and the lag of live
 * events from publish on the server to arrival in the page, with an agent inside aios
 * raising lifecycle events at 1,000 per second (and, in the same run, at 10 per second as the
 * baseline). Lag is measured both in headless Chromium running the real dashboard (which
 * follows every topic, so it also gets the audit lines each event causes) and in a Node
 * client following the lifecycle topic alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { WEB_DIST } from '../src/api/app.ts';
import { followEvents } from '../test/helpers/sse.ts';
import { startAios } from './aios-server.ts';
import { fmt, mdTable, median, percentile, type Section, verdict } from './lib.ts';

const CHROMIUM = '/usr/bin/chromium';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** Suspends and resumes an idle child: two lifecycle events per round, paced to RATE a second. */
const CHURN = `export default async (os) => {
  const { handle } = await os.spawn('./idle.ts', { name: 'churn-target' });
  await os.sleep(300);
  const rate = RATE;
  const start = Date.now();
  let sent = 0;
  for (;;) {
    const due = Math.floor(((Date.now() - start) / 1000) * rate);
    while (sent + 2 <= due) {
      await os.suspend(handle);
      await os.resume(handle);
      sent += 2;
    }
    await os.sleep(2);
  }
};
`;

interface Lag {
  rate: number;
  events: number;
  perSec: number;
  p50: number;
  p99: number;
}

function summarize(rate: number, lags: number[], seconds: number): Lag {
  return {
    rate,
    events: lags.length,
    perSec: lags.length / seconds,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
  };
}

export default async function (): Promise<Section> {
  const haveChromium = existsSync(CHROMIUM);
  const server = await startAios();
  const browser = haveChromium
    ? await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      })
    : undefined;
  try {
    await server.spawnIdle(1);
    const token = await server.mint('inspect');

    // first load: from navigation to the live dashboard showing the agents
    const loads: number[] = [];
    const page = browser ? await browser.newPage({ viewport: { width: 1440, height: 1000 } }) : undefined;
    if (browser) {
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
        const p = await context.newPage();
        const t0 = performance.now();
        await p.goto(server.dashboard);
        await p.getByText('● live').waitFor();
        await p.locator('tr[data-pid]').first().waitFor();
        loads.push(performance.now() - t0);
        await context.close();
      }
      await page!.goto(server.dashboard);
      await page!.getByText('● live').waitFor();
    }

    const rows: { client: string; lag: Lag }[] = [];
    for (const rate of [10, 1000]) {
      const file = join(server.dir, `churn-${rate}.ts`);
      writeFileSync(file, CHURN.replace('RATE', String(rate)));
      const { pid } = await server.owner<{ pid: number }>('POST', '/v1/agents', {
        file,
        name: `churn-${rate}`,
        grants: { system: 'spawn,basic' },
      });
      await new Promise((r) => setTimeout(r, 1000)); // the churn agent gets going
      const node = await followEvents(`${server.url}/v1/events?topics=lifecycle`, {
        authorization: `Bearer ${token}`,
      });
      const nodeLags: number[] = [];
      const reading = (async () => {
        for (;;) {
          const { value, done } = await node.events.next();
          if (done) return;
          if (value.event === 'lifecycle') nodeLags.push(Date.now() - JSON.parse(value.data).t);
        }
      })();
      await page?.evaluate('aiosStore.lags.length = 0');
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      node.close();
      await reading.catch(() => {});
      rows.push({ client: 'Node SSE client, lifecycle topic', lag: summarize(rate, nodeLags, SECONDS) });
      if (page) {
        const lags = (await page.evaluate('aiosStore.lags.slice()')) as number[];
        rows.push({ client: 'dashboard in Chromium, every topic', lag: summarize(rate, lags, SECONDS) });
      }
      await server.owner('DELETE', `/v1/agents/${pid}`);
    }

    const js = readFileSync(join(WEB_DIST, 'app.js'));
    const css = readFileSync(join(WEB_DIST, 'app.css'));
    const jsGz = gzipSync(js, { level: 9 }).length;
    const fast = rows.filter((r) => r.lag.rate === 1000);
    const dash = fast.find((r) => r.client.startsWith('dashboard'))?.lag;
    const lagOk = dash !== undefined && dash.p99 < 100 && dash.perSec >= 900;
    const loadMs = loads.length > 0 ? median(loads) : Number.NaN;
    const verdicts: Record<string, boolean> = { 'bundle-gz': jsGz <= 300 * 1024 };
    if (haveChromium) {
      verdicts['event-lag-p99'] = lagOk;
      verdicts['first-load'] = loadMs <= 1000;
    }
    return {
      title: 'Dashboard: first load, bundle and live event lag',
      body: `${mdTable(
        ['client', 'lifecycle events/s raised', 'events received/s', 'lag p50 ms', 'lag p99 ms'],
        rows.map((r) => [r.client, r.lag.rate, fmt(r.lag.perSec, 0), fmt(r.lag.p50, 1), fmt(r.lag.p99, 1)]),
      )}

| target | measured | verdict |
| --- | --- | --- |
| events at 1,000/s reach the dashboard with p99 lag < 100 ms | ${dash ? `${fmt(dash.p99, 1)} ms p99 over ${fmt(dash.perSec, 0)} events/s` : 'not run (no Chromium)'} | ${dash ? verdict(lagOk) : 'n/a'} |
| first load ≤ 1 s on loopback (median of ${loads.length}) | ${haveChromium ? `${fmt(loadMs, 0)} ms` : 'not run (no Chromium)'} | ${haveChromium ? verdict(loadMs <= 1000) : 'n/a'} |
| JavaScript bundle ≤ 300 KB gzipped | ${fmt(jsGz / 1024, 1)} KB (${fmt(js.length / 1024, 1)} KB raw; CSS ${fmt(gzipSync(css).length / 1024, 1)} KB gzipped) | ${verdict(jsGz <= 300 * 1024)} |

A real \`aios up\` on 127.0.0.1. An agent inside it suspends and resumes an idle child at the
given rate (each is one lifecycle event, and each also seals audit lines, which the dashboard
follows too). Lag is the arrival time in the client minus the publish time the event carries
(one machine, one clock), over ${SECONDS} s per rate. First load is from navigation (with the
login code in the URL) until the page shows the live stream and the agents table, in a fresh
browser context each time.`,
      verdicts,
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
