import type { RtpEncodingParameters } from 'mediasoup-client/types';

/**
 * Three VP8 simulcast layers from a 1280×720 camera: 320×180, 640×360 and
 * 1280×720. A weak rural link still gets the lowest layer smoothly; the main
 * view of a classroom takes the top one.
 */
export const cameraEncodings: RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000, maxFramerate: 15 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000, maxFramerate: 30 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000, maxFramerate: 30 },
];

/** Where a video is shown decides the layer it needs. */
export type Place = 'main' | 'tile';

export const layerFor = (place: Place): number => (place === 'main' ? 2 : 0);
