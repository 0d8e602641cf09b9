/** The live resource monitor: CPU, memory, IPC rate and LLM slots in use, one chart each. */
import { useStore } from '../hooks.ts';
import { Chart } from './Chart.tsx';

const GOLD = '#FFD700';
const BLUE = '#5aa9ff';

export function Monitor() {
  const s = useStore('stats');
  const stats = s.stats;
  const times = stats.map((x) => x.t / 1000);
  const last = stats.at(-1);
  const llm = (x: (typeof stats)[number]) => x.resources.find((r) => r.name === 'llm');
  const llmLast = last ? llm(last) : undefined;
  return (
    <section class="panel monitor" aria-labelledby="monitor-h">
      <h2 id="monitor-h">Resources</h2>
      <div class="charts">
        <Chart
          title="CPU"
          unit="%"
          range={[0, 100]}
          times={times}
          latest={last ? `${last.cpu.process.toFixed(1)} / ${last.cpu.host.toFixed(0)}` : '–'}
          series={[
            { label: 'aios (one core)', color: GOLD, values: stats.map((x) => Math.min(100, x.cpu.process)) },
            { label: 'machine', color: BLUE, values: stats.map((x) => x.cpu.host) },
          ]}
        />
        <Chart
          title="Memory"
          unit="MB"
          times={times}
          latest={last ? (last.memory.rssBytes / 2 ** 20).toFixed(0) : '–'}
          series={[
            { label: 'resident', color: GOLD, values: stats.map((x) => x.memory.rssBytes / 2 ** 20) },
            { label: 'JS heap', color: BLUE, values: stats.map((x) => x.memory.heapUsedBytes / 2 ** 20) },
          ]}
        />
        <Chart
          title="IPC"
          unit="msg/s"
          times={times}
          latest={last ? last.ipc.messagesPerSec.toFixed(0) : '–'}
          series={[
            { label: 'messages per second', color: GOLD, values: stats.map((x) => x.ipc.messagesPerSec) },
          ]}
        />
        <Chart
          title="LLM slots"
          unit={llmLast ? `of ${llmLast.slots}` : ''}
          times={times}
          range={[0, Math.max(1, llmLast?.slots ?? 1)]}
          latest={llmLast ? String(llmLast.running) : '–'}
          series={[
            { label: 'in use', color: GOLD, values: stats.map((x) => llm(x)?.running ?? 0) },
            { label: 'waiting', color: BLUE, values: stats.map((x) => llm(x)?.waiting ?? 0) },
          ]}
        />
      </div>
    </section>
  );
}
