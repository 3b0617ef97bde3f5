/*
 * Reading a getStats report (an RTCStatsReport's entries as plain data): the
 * one place that decides which candidate pair counts and how a counter is read.
 */

/** One entry of a getStats report, as plain data. */
export type StatsEntry = Record<string, unknown> & { type?: unknown };

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The named counters of an entry as numbers: 0 where the entry (or the counter) is missing, as before a first packet. */
export function counters<const K extends string>(entry: StatsEntry | undefined, names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((name) => [name, finite(entry?.[name]) ?? 0])) as Record<K, number>;
}

/**
 * The candidate pair media takes now: the one the transport entry names
 * (`selectedCandidatePairId`); in a report without it, the nominated,
 * succeeded pair. Pairs of an earlier path stay in the report after a
 * network change and can still say nominated, so that alone is not enough.
 */
export function selectedCandidatePair(entries: Iterable<StatsEntry>): StatsEntry | null {
  const all = [...entries];
  const pairs = all.filter((entry) => entry.type === 'candidate-pair');
  const selectedIds = new Set(all.filter((entry) => entry.type === 'transport').map((entry) => entry['selectedCandidatePairId']));
  return (
    pairs.find((pair) => selectedIds.has(pair['id'])) ??
    pairs.find((pair) => pair['state'] === 'succeeded' && pair['nominated'] === true) ??
    null
  );
}

/** What the selected pair tells of the path: its round-trip time and the congestion controller's estimate of the uplink. */
export interface PathFigures {
  /** currentRoundTripTime in ms; null before the first STUN answer. */
  rttMs: number | null;
  /** availableOutgoingBitrate in bit/s; null where the browser has no estimate. */
  availableOutgoingBitrate: number | null;
}

/** The path figures of a getStats report (see selectedCandidatePair). */
export function pathFigures(entries: Iterable<StatsEntry>): PathFigures {
  const pair = selectedCandidatePair(entries);
  const rtt = finite(pair?.['currentRoundTripTime']);
  return { rttMs: rtt === null ? null : rtt * 1000, availableOutgoingBitrate: finite(pair?.['availableOutgoingBitrate']) };
}

/** The entries of a transport's report that describe its path: the transport itself and its candidate pairs. */
export const pathEntries = (entries: StatsEntry[]): StatsEntry[] =>
  entries.filter((entry) => entry.type === 'transport' || entry.type === 'candidate-pair');
