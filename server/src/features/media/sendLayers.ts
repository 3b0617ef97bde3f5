import { layerForPlace, type VideoPlace } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Participant } from '../../lesson/Participant.js';
import type { PublishedProducer } from '../../lesson/ParticipantMedia.js';

/**
 * Senders encode only the simulcast layers somebody shows. A classroom's
 * camera is usually a small tile everywhere, yet its browser would encode
 * 1280×720 as well, for nobody: on a school PC (and on the 2-core bench
 * machine, where every page encoded 720p and decoded at 6 fps) that is most
 * of the CPU, and uplink too. The SFU knows where every receiver shows each
 * picture, so it tells the sender the highest layer anyone needs; the sender
 * switches the others off without renegotiating. The lowest layer always
 * stays on, so a new viewer gets a picture at once.
 *
 * Changes are settled for a moment first: a layout click moves many pictures
 * at once, and a freshly published camera gets its viewers' places before the
 * first decision.
 */
const SETTLE_MS = 500;
const FIRST_DECISION_MS = 2000;

/** Re-decides, shortly, which layers a producer's sender must encode. */
export function scheduleSendLayers(lesson: Lesson, producerId: string, delayMs = SETTLE_MS): void {
  const found = findSimulcast(lesson, producerId);
  if (!found) return;
  if (found.entry.layerTimer) clearTimeout(found.entry.layerTimer);
  // Cleared when the producer closes (ParticipantMedia); one left behind finds nothing to decide.
  found.entry.layerTimer = setTimeout(() => decide(lesson, producerId), delayMs);
  found.entry.layerTimer.unref();
}

/** For a camera just published: its receivers are still subscribing. */
export const scheduleFirstSendLayers = (lesson: Lesson, producerId: string): void => scheduleSendLayers(lesson, producerId, FIRST_DECISION_MS);

/**
 * The highest simulcast layer any receiver shows this producer at (0 when nobody shows it, or its sender's
 * uplink is limited). The server's own viewers count too: a recorder takes the top layer, so a camera being
 * recorded keeps encoding 720p even when no page shows it large.
 */
export function wantedLayer(lesson: Lesson, producerId: string): number {
  // An observer's enlarged picture never makes a sender encode more: observers cost the lesson nothing it would notice.
  const consumers = lesson.visibleParticipants().flatMap((participant) => [...participant.media.consumers.values()].map(({ consumer }) => consumer));
  let wanted = 0;
  if (lesson.findProducer(producerId)?.owner.media.uplink.level !== 'normal') return wanted;
  for (const consumer of [...consumers, ...lesson.serverViewers.values()]) {
    if (consumer.producerId !== producerId || consumer.closed) continue;
    wanted = Math.max(wanted, layerForPlace(consumer.appData['place'] as VideoPlace) ?? 0);
  }
  return wanted;
}

function decide(lesson: Lesson, producerId: string): void {
  const found = findSimulcast(lesson, producerId);
  if (!found) return;
  found.entry.layerTimer = null;
  const layer = wantedLayer(lesson, producerId);
  if (found.entry.toldLayer === layer) return;
  found.entry.toldLayer = layer;
  found.owner.notify({ type: 'sendLayers', producerId, maxSpatialLayer: layer });
}

function findSimulcast(lesson: Lesson, producerId: string): { entry: PublishedProducer; owner: Participant } | null {
  const owner = lesson.findProducer(producerId)?.owner;
  const entry = owner?.media.producers.get(producerId);
  return owner && entry && !entry.producer.closed && entry.producer.type === 'simulcast' ? { entry, owner } : null;
}
