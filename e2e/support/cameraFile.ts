import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = join(tmpdir(), 'tongtang-cameras');

/** Frames in the file: Chromium loops it, so at 10 fps the picture repeats every 2 s. */
const FRAMES = 20;
const FPS = 10;

/** One luma value per pixel: a diagonal gradient that slides and a bright square that moves, so every frame differs. */
function lumaPlane(width: number, height: number, frame: number): Buffer {
  const plane = Buffer.alloc(width * height);
  const shift = frame * 8;
  const side = Math.max(8, Math.round(height / 4));
  const left = Math.round(((width - side) * frame) / (FRAMES - 1));
  const top = Math.round((height - side) / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inSquare = x >= left && x < left + side && y >= top && y < top + side;
      // Fine stripes as well as the gradient: a blank picture would let VP8 send almost nothing.
      plane[y * width + x] = inSquare ? 235 : 16 + ((x + y + shift) % 160) + ((x >> 2) & 1) * 40;
    }
  }
  return plane;
}

/** A camera tinted one colour throughout, so a recording's frames tell whose picture they show. */
export type CameraColour = 'red' | 'green' | 'blue';
/** U and V (BT.601) of each tint; the moving luma pattern stays. */
const CHROMA: Record<CameraColour, [number, number]> = { red: [90, 240], green: [54, 34], blue: [240, 110] };

/**
 * A YUV4MPEG2 (.y4m) file of `width`×`height` with moving content, for
 * Chromium's `--use-file-for-fake-video-capture`: the fake camera then
 * delivers exactly that size, as a real camera of that resolution would
 * (the default fake camera follows whatever size the page asks for).
 * Written once per size (and tint) and kept in the temp directory.
 */
export async function cameraFile(width: number, height: number, colour?: CameraColour): Promise<string> {
  if (width % 2 || height % 2) throw new TypeError('4:2:0 needs an even width and height');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `camera-${width}x${height}${colour ? `-${colour}` : ''}.y4m`);
  if (existsSync(file)) return file;
  // Written under a temporary name: a browser started on a half-written file would loop a truncated picture.
  const partial = `${file}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  const write = async (chunk: Buffer | string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`YUV4MPEG2 W${width} H${height} F${FPS}:1 Ip A1:1 C420jpeg\n`);
  const chroma = (width / 2) * (height / 2);
  for (let frame = 0; frame < FRAMES; frame++) {
    await write('FRAME\n');
    await write(lumaPlane(width, height, frame));
    // Fresh buffers: the stream keeps a reference until it has written them.
    const [u, v] = colour ? CHROMA[colour] : [96 + frame * 2, 160 - frame * 2];
    await write(Buffer.alloc(chroma, u));
    await write(Buffer.alloc(chroma, v));
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}
