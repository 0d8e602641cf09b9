/** A small live time-series chart (uPlot) that follows its container's width. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

interface Props {
  title: string;
  unit: string;
  /** Seconds since the epoch, one per sample. */
  times: number[];
  series: Series[];
  /** Fixed y range, e.g. [0, 100] for percentages. */
  range?: [number, number];
  latest: string;
}

const GRID = { stroke: '#2a2f3a', width: 1 };
const AXIS = { stroke: '#8b93a7', grid: GRID, ticks: { stroke: '#2a2f3a' }, font: '11px system-ui' };

export function Chart({ title, unit, times, series, range, latest }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current!;
    const opts: uPlot.Options = {
      width: Math.max(160, el.clientWidth),
      height: 110,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: true },
        y: range ? { range } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
      },
      axes: [
        { ...AXIS, size: 24 },
        { ...AXIS, size: 46 },
      ],
      series: [
        {},
        ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, fill: `${s.color}22` })),
      ],
    };
    plot.current = new uPlot(opts, [times, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: Math.max(160, el.clientWidth), height: 110 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
    };
  }, [series.length, range?.[0], range?.[1]]);

  useEffect(() => {
    plot.current?.setData([times, ...series.map((s) => s.values)] as uPlot.AlignedData);
  });

  return (
    <figure class="chart">
      <figcaption>
        <span>{title}</span>
        <span class="latest" aria-live="off">
          {latest} <span class="muted">{unit}</span>
        </span>
      </figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${latest} ${unit}`} />
      <div class="legend">
        {series.map((s) => (
          <span key={s.label}>
            <i style={{ background: s.color }} /> {s.label}
          </span>
        ))}
      </div>
    </figure>
  );
}
