import { describe, expect, it } from 'vitest';
import { layerForPlace } from '@shared';
import { CAMERA_ENCODINGS, cameraLayers, highestLayerSent, layersFilled } from './cameraLayers';

/** The picture sizes the active encodings give for a camera of width×height. */
function sizes(width: number, height: number): string[] {
  return cameraLayers({ width, height })
    .encodings.filter((e) => e.active)
    .map((e) => `${Math.round(width / e.scaleResolutionDownBy!)}×${Math.round(height / e.scaleResolutionDownBy!)}`);
}

describe('cameraLayers', () => {
  it('gives a 720p camera 320×180, 640×360 and 1280×720', () => {
    expect(sizes(1280, 720)).toEqual(['320×180', '640×360', '1280×720']);
  });

  it('sends a 640×360 camera at its full size on top, not 160×90 and 320×180', () => {
    expect(sizes(640, 360)).toEqual(['320×180', '640×360']);
  });

  it('sends a 320×180 camera as it is', () => {
    expect(sizes(320, 180)).toEqual(['320×180']);
  });

  it('keeps a 1080p or 540p camera’s tile and half layers at 180 and 360 rows', () => {
    expect(sizes(1920, 1080)).toEqual(['320×180', '640×360', '1920×1080']);
    expect(sizes(960, 540)).toEqual(['320×180', '640×360', '960×540']);
  });

  it('follows the short side of a 4:3 or portrait camera', () => {
    expect(sizes(640, 480)).toEqual(['240×180', '640×480']);
    expect(sizes(720, 1280)).toEqual(['180×320', '360×640', '720×1280']);
  });

  it('halves instead when a layer would be hardly smaller than the one above', () => {
    expect(sizes(1600, 200)).toEqual(['800×100', '1600×200']);
  });

  it('always has three encodings, r0 r1 r2, so a camera swapped in later can fill them all', () => {
    for (const [width, height] of [[1280, 720], [640, 360], [320, 180]] as const) {
      const { encodings } = cameraLayers({ width, height });
      expect(encodings.map((e) => e.rid)).toEqual(['r0', 'r1', 'r2']);
      expect(encodings).toHaveLength(CAMERA_ENCODINGS);
    }
  });

  it('caps each layer by its size and slows only the lowest of several to 15 fps', () => {
    const hd = cameraLayers({ width: 1280, height: 720 }).encodings;
    expect(hd.map((e) => e.maxBitrate)).toEqual([150_000, 500_000, 1_500_000]);
    expect(hd.map((e) => e.maxFramerate)).toEqual([15, 30, 30]);
    const sd = cameraLayers({ width: 640, height: 360 }).encodings;
    expect(sd.slice(0, 2).map((e) => e.maxBitrate)).toEqual([150_000, 500_000]);
    expect(cameraLayers({ width: 320, height: 180 }).encodings[0]!.maxFramerate).toBe(30);
  });

  it('assumes the 720p asked for when the browser gives no size', () => {
    expect(cameraLayers({})).toEqual(cameraLayers({ width: 1280, height: 720 }));
  });
});

describe('layersFilled', () => {
  it('follows libwebrtc’s table: 3 from 960×540, 2 from 480×270, else 1', () => {
    expect(layersFilled(1280, 720)).toBe(3);
    expect(layersFilled(960, 540)).toBe(3);
    expect(layersFilled(958, 540)).toBe(2);
    expect(layersFilled(640, 360)).toBe(2);
    expect(layersFilled(480, 270)).toBe(2);
    expect(layersFilled(478, 270)).toBe(1);
    expect(layersFilled(320, 180)).toBe(1);
  });
});

describe('highestLayerSent', () => {
  it('sends what the largest place asks for, but never a layer the camera does not fill', () => {
    const large = layerForPlace('main')!;
    expect(highestLayerSent(large, 3)).toBe(2);
    expect(highestLayerSent(large, 2)).toBe(1);
    expect(highestLayerSent(large, 1)).toBe(0);
    expect(highestLayerSent(layerForPlace('tile')!, 3)).toBe(0);
    expect(highestLayerSent(layerForPlace('half')!, 2)).toBe(1);
  });
});
