import type { Producer, RtpEncodingParameters } from 'mediasoup-client/types';

/**
 * Courseware is one full-resolution layer: a slide is only useful if its small
 * text can be read, so it is never sent scaled down. At most 15 fps (slides
 * and handwriting need no more), 1.2 Mbit/s at most, and a high priority so
 * the browser gives the courseware its bandwidth before the cameras when the
 * uplink is short. Under a weak link the browser keeps the resolution and
 * lowers the frame rate (see coursewareSender).
 */
export const coursewareEncodings: RtpEncodingParameters[] = [
  { maxBitrate: 1_200_000, maxFramerate: 15, priority: 'high', networkPriority: 'high' },
];

/**
 * Under a weak uplink the browser may lower resolution or frame rate; for
 * courseware it must lower the frame rate and keep every pixel of the text.
 * (contentHint 'text' already implies this in Chromium; set explicitly for
 * browsers that do not.)
 */
export async function keepResolution(producer: Producer): Promise<void> {
  const sender = producer.rtpSender;
  if (!sender) return;
  const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  parameters.degradationPreference = 'maintain-resolution';
  await sender.setParameters(parameters).catch((error: unknown) => console.warn('cannot keep courseware resolution', error));
}
