import { layerForPlace, type UplinkLevel, type VideoPlace } from '@shared';
import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Lesson } from '../../lesson/Lesson.js';

/**
 * The simulcast layer the SFU forwards to one receiver (null: forward
 * nothing): the layer of the place the receiver shows the picture at,
 * unless its sender's uplink is limited (上行保护, see uplinkGuard). A limited
 * sender reaches everyone at its lowest layer, its single-layer video is
 * held (it has no smaller one), and a sender still far over the cap after
 * that is held entirely, voice included.
 */
export function forwardedLayer(consumer: Consumer, uplink: UplinkLevel): number | null {
  if (uplink === 'held') return null;
  // A sound its receiver does not listen to now (巡课: every tile but the selected one) is paused at the SFU.
  if (consumer.kind === 'audio') return consumer.appData['place'] === 'hidden' ? null : 0;
  const layer = layerForPlace(consumer.appData['place'] as VideoPlace);
  if (uplink === 'lowest' && layer !== null) return consumer.type === 'simulcast' ? 0 : null;
  return layer;
}

/** The uplink level of whoever sends what `producerId` carries ('normal' when the producer is gone). */
export function uplinkOf(lesson: Lesson, producerId: string): UplinkLevel {
  return lesson.findProducer(producerId)?.owner.media.uplink.level ?? 'normal';
}
