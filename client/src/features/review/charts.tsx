import { useEffect, useRef } from 'react';
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';

// Only what the report draws, so the chart chunk stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);
// A mid grey reads on the pages' dark panels and on a printed white page alike.
Chart.defaults.color = '#9aa3ad';
Chart.defaults.borderColor = 'rgba(154, 163, 173, 0.3)';
Chart.defaults.font.size = 16;

/** Colours that print legibly in black and white too (distinct lightness). */
export const palette = ['#1f5fa8', '#e07b00', '#2e8b57', '#b03060', '#6a5acd', '#8b8b00'];

export interface Series {
  label: string;
  values: number[];
  color?: string;
}

/**
 * One Chart.js chart on a canvas, drawn without animation (a printed or
 * captured report shows the final bars, never half-grown ones). The numbers
 * are also on the element (`data-values`) and in the table beside each
 * chart, for people who read rather than look, and for tests.
 */
function ChartCanvas({ config, label, testId, values, height }: { config: ChartConfiguration; label: string; testId: string; values: unknown; height: number }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const json = JSON.stringify(config.data);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
    // Redrawn when the data changes, not on every render of the page.
  }, [json]);
  return (
    <figure className="report-chart" data-testid={testId} data-values={JSON.stringify(values)} style={{ height }}>
      <figcaption className="report-chart__title">{label}</figcaption>
      <div className="report-chart__area">
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
    </figure>
  );
}

const common = { animation: false, responsive: true, maintainAspectRatio: false } as const;

/**
 * `counts`: whole numbers (hands, turns), so the axis never shows 0.2 of a hand.
 * `onPick`: a click on a bar (or on its label) says which one — the dashboard's drill-down.
 */
export function BarChart({ title, labels, series, testId, max, horizontal = false, counts = false, stacked = false, onPick }: { title: string; labels: string[]; series: Series[]; testId: string; max?: number; horizontal?: boolean; counts?: boolean; stacked?: boolean; onPick?: (index: number) => void }) {
  // The chart is made once per data; the latest handler is read at the click.
  const pick = useRef(onPick);
  pick.current = onPick;
  const valueAxis = { beginAtZero: true, ...(stacked ? { stacked: true } : {}), ...(max === undefined ? {} : { max }), ...(counts ? { ticks: { precision: 0 } } : {}) };
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: s.color ?? palette[i % palette.length] })) },
    options: {
      ...common,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: series.length > 1 } },
      scales: { [horizontal ? 'x' : 'y']: valueAxis, ...(stacked ? { [horizontal ? 'y' : 'x']: { stacked: true } } : {}) },
      ...(onPick
        ? {
            // The whole band of a label picks it: a short bar (or a zero) is still easy to hit.
            onClick: (event, _elements, chart) => {
              const [hit] = chart.getElementsAtEventForMode(event as unknown as Event, 'index', { intersect: false }, false);
              if (hit) pick.current?.(hit.index);
            },
            onHover: (event, elements) => {
              const target = event.native?.target;
              if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
            },
          }
        : {}),
    },
  };
  const height = horizontal ? Math.max(140, 60 + labels.length * 34 * Math.max(1, series.length)) : 260;
  return <ChartCanvas config={config} label={title} testId={testId} values={Object.fromEntries(series.map((s) => [s.label, s.values]))} height={height} />;
}

export function DoughnutChart({ title, labels, values, testId }: { title: string; labels: string[]; values: number[]; testId: string }) {
  const config: ChartConfiguration = {
    type: 'doughnut',
    data: { labels, datasets: [{ data: values, backgroundColor: labels.map((_, i) => palette[i % palette.length]!) }] },
    options: { ...common, plugins: { legend: { position: 'bottom' } } },
  };
  return <ChartCanvas config={config} label={title} testId={testId} values={values} height={240} />;
}
