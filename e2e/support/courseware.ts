import type { Page } from '@playwright/test';

/**
 * A courseware slide for legibility tests, 1920×1080: small text, and three
 * fine patterns whose every pixel is known — vertical stripes 3 px wide, a
 * checkerboard of 4 px squares and 1 px lines every 6 px. A ticking page
 * counter keeps the capture delivering frames as a real slide show does.
 */
export const COURSEWARE_TITLE = 'Tongtang courseware';

interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whether the pixel at (x, y) inside the region is black. */
  black(x: number, y: number): boolean;
}

export const patternRegions: Region[] = [
  { x: 120, y: 300, width: 480, height: 300, black: (x) => Math.floor(x / 3) % 2 === 0 },
  { x: 720, y: 300, width: 480, height: 300, black: (x, y) => (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0 },
  { x: 1320, y: 300, width: 480, height: 300, black: (_x, y) => y % 6 === 0 },
];

export const coursewareHtml = `<!doctype html><html><head><meta charset="utf-8"><title>${COURSEWARE_TITLE}</title>
<style>html,body{margin:0;background:#fff;color:#000;font-family:'WenQuanYi Micro Hei',sans-serif;overflow:hidden}
canvas{position:absolute;left:0;top:0}#page{position:absolute;right:40px;bottom:30px;font-size:28px}
.text{position:absolute;left:120px;top:660px;width:1680px;font-size:14px;line-height:20px}</style></head>
<body><canvas id="c" width="1920" height="1080"></canvas>
<h1 style="position:absolute;left:120px;top:60px;margin:0;font-size:56px">第三课 分数的初步认识</h1>
<p style="position:absolute;left:120px;top:160px;margin:0;font-size:20px">把一个蛋糕平均分成 4 份，每份是它的 1/4。 Fractions: one quarter is 1/4.</p>
<div class="text">${'一个整体平均分成几份，其中的一份就是它的几分之一。分子表示取了几份，分母表示平均分成了几份。 '.repeat(30)}</div>
<div id="page">第 1 页</div>
<script>
const regions = ${JSON.stringify(patternRegions.map(({ x, y, width, height }) => ({ x, y, width, height })))};
const rules = [(x, y) => Math.floor(x / 3) % 2 === 0, (x, y) => (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0, (x, y) => y % 6 === 0];
const g = document.getElementById('c').getContext('2d');
regions.forEach((r, i) => {
  const image = g.createImageData(r.width, r.height);
  for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) {
    const v = rules[i](r.x + x, r.y + y) ? 0 : 255, o = (y * r.width + x) * 4;
    image.data[o] = image.data[o + 1] = image.data[o + 2] = v; image.data[o + 3] = 255;
  }
  g.putImageData(image, r.x, r.y);
});
let n = 0; setInterval(() => { document.getElementById('page').textContent = '第 ' + (1 + (++n % 9)) + ' 页'; }, 1000);
</script></body></html>`;

/** Points to compare: the centre pixel of black and white features inside each pattern, spread over the region. */
export function samplePoints(perRegion = 60): Array<{ x: number; y: number; black: boolean }> {
  const points: Array<{ x: number; y: number; black: boolean }> = [];
  patternRegions.forEach((region, index) => {
    for (let i = 0; i < perRegion; i++) {
      // A deterministic spread over the region, then moved to the centre of a feature.
      let x = region.x + 10 + ((i * 97) % (region.width - 20));
      let y = region.y + 10 + ((i * 53) % (region.height - 20));
      if (index === 0) x = x - (x % 3) + 1;
      if (index === 1) {
        x = x - (x % 4) + 1;
        y = y - (y % 4) + 1;
      }
      // Lines are 1 px: compare on a line, and midway between two lines.
      if (index === 2) y = i % 2 === 0 ? y - (y % 6) : y - (y % 6) + 3;
      points.push({ x, y, black: region.black(x, y) });
    }
  });
  return points;
}

/**
 * Reads the pixels a classroom decoded from the courseware picture on its
 * screen (the <video> of the tile showing it), at the frame's own size, and
 * returns the share of sample points that match the slide (dark where it is
 * black, light where it is white), with the decoded frame size.
 */
export async function decodedMatch(page: Page, coursewareTile: string): Promise<{ ratio: number; width: number; height: number }> {
  const points = samplePoints();
  return page.locator(coursewareTile).locator('video').evaluate((element, points) => {
    const video = element as HTMLVideoElement;
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (width === 0) return { ratio: 0, width, height };
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(video, 0, 0);
    const data = g.getImageData(0, 0, width, height).data;
    const scale = width / 1920;
    let matches = 0;
    for (const point of points) {
      const x = Math.round(point.x * scale);
      const y = Math.round(point.y * scale);
      const o = (y * width + x) * 4;
      const luma = 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
      if (point.black ? luma < 96 : luma > 160) matches++;
    }
    return { ratio: matches / points.length, width, height };
  }, points);
}
