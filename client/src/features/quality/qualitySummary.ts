import { layerFromWidth, sampleLevels, worstLevel, type QualityLevel, type ReceiveSample } from '@shared';

/** One direction of one classroom's link, as one line of the panel. */
export interface DirectionSummary {
  rttMs: number | null;
  lossPct: number;
  /** Video and audio together. */
  kbps: number;
  layer: number | null;
  freezes: number;
  level: QualityLevel;
  levels: { rtt: QualityLevel; loss: QualityLevel; bitrate: QualityLevel; freezes: QualityLevel };
}

/**
 * Folds the samples of one sender's tracks (its camera and microphone, as one
 * receiver gets them) into one line: the worse loss, the summed bitrate, the
 * video's layer (the SFU's word when it has one, else inferred from the
 * decoded width) and the worst colour of any figure.
 */
export function summarise(samples: Array<ReceiveSample & { layer?: number | null }>): DirectionSummary | null {
  if (samples.length === 0) return null;
  const video = samples.find((s) => s.kind === 'video');
  const layer = video ? (video.layer ?? layerFromWidth(video.frameWidth)) : null;
  const levels = samples.map((s) => sampleLevels({ ...s, layer: s.kind === 'video' ? layer : null }));
  const pick = (key: 'rtt' | 'loss' | 'bitrate' | 'freezes'): QualityLevel => worstLevel(levels.map((l) => l[key]));
  const rtts = samples.map((s) => s.rttMs).filter((v): v is number => v !== null);
  return {
    rttMs: rtts.length > 0 ? Math.max(...rtts) : null,
    lossPct: Math.max(...samples.map((s) => s.lossPct)),
    kbps: samples.reduce((sum, s) => sum + s.kbps, 0),
    layer,
    freezes: video?.freezes ?? 0,
    level: worstLevel(levels.map((l) => l.overall)),
    levels: { rtt: pick('rtt'), loss: pick('loss'), bitrate: pick('bitrate'), freezes: pick('freezes') },
  };
}
