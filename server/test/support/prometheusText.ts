/*
 * A strict reader of Prometheus's text exposition format (version 0.0.4),
 * for the tests of /metrics. Strict where Prometheus's own scraper is: a
 * malformed line, a sample outside its family, a family split in two, a
 * series written twice, or a bucket without `le` is an error, not skipped.
 * The one parser on the registry for this loses the labels of histograms,
 * so the format is checked here instead.
 */

/** One sample line. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One metric family: its TYPE, HELP and samples. */
export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** A value as Prometheus reads one (Go's ParseFloat): a float, or Inf and NaN in any case (prom-client writes `Nan`). */
function valueOf(text: string, line: number): number {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
  if (special) return special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (!FLOAT.test(text)) throw new Error(`line ${line}: not a sample value: ${text}`);
  return Number(text);
}

/** The labels at the start of `rest` (just after `{`) and what follows the closing `}`. */
function readLabels(rest: string, line: number): { labels: Record<string, string>; after: string } {
  const labels: Record<string, string> = {};
  let at = rest;
  for (;;) {
    if (at.startsWith('}')) return { labels, after: at.slice(1) };
    const name = LABEL_NAME.exec(at)?.[0];
    if (!name || at[name.length] !== '=' || at[name.length + 1] !== '"') throw new Error(`line ${line}: bad label at ${at.slice(0, 20)}`);
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    let value = '';
    let i = name.length + 2;
    for (; i < at.length && at[i] !== '"'; i++) {
      if (at[i] !== '\\') value += at[i];
      else if (at[++i] === 'n') value += '\n';
      else if (at[i] === '\\' || at[i] === '"') value += at[i];
      else throw new Error(`line ${line}: bad escape in label ${name}`);
    }
    if (at[i] !== '"') throw new Error(`line ${line}: unterminated label value`);
    labels[name] = value;
    at = at.slice(i + 1);
    if (at.startsWith(',')) at = at.slice(1);
    else if (!at.startsWith('}')) throw new Error(`line ${line}: expected , or } after label ${name}`);
  }
}

/** The family a sample name belongs to, given the family being read. */
function belongs(sampleName: string, family: MetricFamily): boolean {
  if (sampleName === family.name) return family.type !== 'histogram';
  const suffix = sampleName.slice(family.name.length);
  if (!sampleName.startsWith(family.name)) return false;
  if (family.type === 'histogram') return ['_bucket', '_sum', '_count'].includes(suffix);
  if (family.type === 'summary') return ['_sum', '_count'].includes(suffix);
  return false;
}

/** Every family of the text, by name; throws on the first line Prometheus would refuse. */
export function parseMetrics(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const series = new Set<string>();
  let current: MetricFamily | null = null;
  const family = (name: string, line: number): MetricFamily => {
    const known = families.get(name);
    if (known && known !== current) throw new Error(`line ${line}: family ${name} split in two`);
    if (known) return known;
    const fresh: MetricFamily = { name, type: 'untyped', help: '', samples: [] };
    families.set(name, fresh);
    return fresh;
  };
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
    if (meta) {
      const [, keyword, name = '', rest = ''] = meta;
      if (!NAME.test(name) || NAME.exec(name)?.[0] !== name) throw new Error(`line ${line}: bad metric name ${name}`);
      current = family(name, line);
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type ${rest}`);
        if (current.samples.length > 0) throw new Error(`line ${line}: TYPE after samples of ${name}`);
        current.type = rest as MetricFamily['type'];
      } else current.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      return;
    }
    if (raw.startsWith('#')) return;
    const name = NAME.exec(raw)?.[0];
    if (!name) throw new Error(`line ${line}: not a sample: ${raw}`);
    let rest = raw.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, after: rest = '' } = readLabels(rest.slice(1), line));
    const fields = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
    if (!fields?.[1]) throw new Error(`line ${line}: expected " value [timestamp]" after ${name}: ${rest}`);
    const owner: MetricFamily = current && belongs(name, current) ? current : family(name, line);
    if (owner !== current && owner.type !== 'untyped') throw new Error(`line ${line}: ${name} outside its family`);
    current = owner;
    if (owner.type === 'histogram' && name.endsWith('_bucket') && !('le' in labels)) throw new Error(`line ${line}: bucket without le`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) throw new Error(`line ${line}: series ${key} twice`);
    series.add(key);
    owner.samples.push({ name, labels, value: valueOf(fields[1], line) });
  });
  return families;
}

/** The value of the first sample named `name` (the family's own name by default) whose labels include `labels`. */
export function sample(families: Map<string, MetricFamily>, family: string, labels: Record<string, string> = {}, name = family): number | undefined {
  return families.get(family)?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
