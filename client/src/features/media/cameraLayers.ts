import type { RtpEncodingParameters } from 'mediasoup-client/types';

/**
 * A camera always has three simulcast encodings, r0 r1 r2, whatever its
 * size, with the same meaning as layerForPlace in shared/: 0 for a tile,
 * 1 for a half screen, 2 for the large view.
 *
 * Why three even for a small camera: the encodings are fixed when the
 * producer is created (they are rids in the SDP), and a device changed in
 * 设备设置 is swapped in with replaceTrack, without renegotiating; a producer
 * made with one encoding for a 320×180 camera could never send three for the
 * 720p camera that replaces it. So the three stay, and only their scales and
 * bitrates move with the camera (setParameters).
 *
 * Why the scales move: libwebrtc encodes only as many simulcast layers as the
 * input can fill (its table in media/engine/simulcast.cc, mirrored by
 * layersFilled) and drops the top ones. With fixed ¼, ½, 1 a 640×360 camera
 * sent 160×90 and 320×180 only, and the large view showed 320×180 upscaled.
 * So the top layer the camera fills is always its full size: 640×360 sends
 * 320×180 (r0) and 640×360 (r1), and r2 is switched off.
 *
 * What the SFU then does with a missing layer: a large view asks for layer
 * 2 (preferredLayers) and mediasoup forwards the best layer that arrives at
 * or below it — r1, the camera's full size. The server's sendLayers notice
 * still speaks of layers 0–2; the sender caps it at the top layer it fills
 * (highestLayerSent), so an unfilled encoding is never switched on.
 */
export const CAMERA_ENCODINGS = 3;

/** Short side (rows) of the tile and half-screen layers: 320×180 and 640×360 for a 16:9 camera. */
const LAYER_ROWS = [180, 360] as const;

/** Bitrate cap by picture size (pixels): the figures the 320×180, 640×360 and 1280×720 layers were given before. */
const BITRATES: ReadonlyArray<readonly [pixels: number, bps: number]> = [
  [320 * 180, 150_000],
  [640 * 360, 500_000],
  [960 * 540, 900_000],
  [1280 * 720, 1_500_000],
  [Infinity, 2_500_000],
];

/** What is assumed when the browser does not say how large the camera's picture is: the 720p it is asked for. */
const ASSUMED = { width: 1280, height: 720 } as const;

/** How many simulcast layers libwebrtc encodes for an input of this size: 3 from 960×540, 2 from 480×270, else 1. */
export function layersFilled(width: number, height: number): number {
  const pixels = width * height;
  if (pixels >= 960 * 540) return 3;
  if (pixels >= 480 * 270) return 2;
  return 1;
}

/** The largest simulcast layer to encode when nobody shows the camera larger than `wanted`. */
export const highestLayerSent = (wanted: number, filled: number): number => Math.max(0, Math.min(wanted, filled - 1));

const bitrateFor = (pixels: number): number => BITRATES.find(([upTo]) => pixels <= upTo)![1];

/** One camera's encodings for its present picture size, and how many of them it fills. */
export interface CameraLayers {
  /** Always CAMERA_ENCODINGS of them, lowest first; those above `filled` are off. */
  encodings: RtpEncodingParameters[];
  filled: number;
}

/**
 * The simulcast encodings for a camera delivering `settings` (a track's
 * getSettings()): the top filled layer at full size, the ones below at
 * 180 and 360 rows (a tile needs no more), each capped at a bitrate for its
 * size; the lowest of several at 15 fps, which a tile does not miss.
 */
export function cameraLayers(settings: { width?: number; height?: number }): CameraLayers {
  const width = settings.width || ASSUMED.width;
  const height = settings.height || ASSUMED.height;
  const filled = layersFilled(width, height);
  const rows = Math.min(width, height);
  const scales: number[] = [1];
  for (let layer = filled - 2; layer >= 0; layer--) {
    const above = scales[0]!;
    const scale = rows / LAYER_ROWS[layer]!;
    // A layer hardly smaller than the one above would cost uplink for nothing: below 1.5× smaller, halve instead.
    scales.unshift(scale >= above * 1.5 ? scale : above * 2);
  }
  const encodings = Array.from({ length: CAMERA_ENCODINGS }, (_, layer): RtpEncodingParameters => {
    const scale = scales[Math.min(layer, filled - 1)]!;
    return {
      rid: `r${layer}`,
      scaleResolutionDownBy: scale,
      maxBitrate: bitrateFor(Math.round(width / scale) * Math.round(height / scale)),
      maxFramerate: layer === 0 && filled > 1 ? 15 : 30,
      active: layer < filled,
    };
  });
  return { encodings, filled };
}
