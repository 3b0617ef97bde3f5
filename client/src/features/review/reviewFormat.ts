/** How the report writes its numbers: scores to one decimal (the precision ties are judged at), times as m:ss. */
export const scoreText = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : (Math.round(value * 10) / 10).toFixed(1));

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export const seconds = (ms: number): number => Math.round(ms / 100) / 10;
