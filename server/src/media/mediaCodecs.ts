import type { RtpCodecCapability } from 'mediasoup/node/lib/RtpParameters.js';

/**
 * What every lesson's router speaks. Opus with in-band FEC and DTX; VP8,
 * the codec every browser simulcasts reliably in three layers.
 */
export const mediaCodecs: RtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
];
