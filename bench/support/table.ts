type Spread = { p50: number; p95: number };

const ms = (s: unknown): string => {
  const v = s as Spread;
  return Number.isFinite(v.p50) ? `${v.p50}/${v.p95}` : '—';
};

/** The readable table of a bench run: p50/p95 ms per figure, with CPU beside it. */
export function printTable(rows: Array<Record<string, unknown>>): void {
  const header = ['profile', 'video', 'audio', 'round trip', '|A/V skew|', 'first frame', 'from join', 'freeze', 'fps', 'cpu mach/bench (load)', 'rtt', 'loss'];
  const lines = rows.map((r) => {
    const cpu = r['cpu_pct'] as { machine_pct: number; bench_pct: number; load_avg: number };
    return [
      String(r['profile']),
      ms(r['video_oneway_ms']),
      ms(r['audio_oneway_ms']),
      ms(r['roundtrip_ms']),
      ms(r['av_skew_ms']),
      ms(r['first_frame_ms']),
      ms(r['first_frame_from_join_ms']),
      `${(Number(r['freeze_ratio']) * 100).toFixed(1)}%`,
      String(r['decoded_fps']),
      `${cpu.machine_pct}%/${cpu.bench_pct}% (${cpu.load_avg})`,
      `${r['measured_rtt_ms'] ?? '—'} ms`,
      `${r['measured_loss_pct']}%`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log('\nlatency p50/p95 ms (all senders → all receivers), CPU % of all cores');
  console.log(row(header));
  for (const line of lines) console.log(row(line));
}
