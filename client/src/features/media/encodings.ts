import type { Producer, RtpEncodingParameters } from 'mediasoup-client/types';

/**
 * Three VP8 simulcast layers from a 1280×720 camera: 320×180, 640×360 and
 * 1280×720. A weak rural link still gets the lowest layer smoothly; the main
 * view of a classroom takes the top one (see layerForPlace in shared/).
 */
export const cameraEncodings: RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000, maxFramerate: 15 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000, maxFramerate: 30 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000, maxFramerate: 30 },
];

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
