import type { Page } from '@playwright/test';

/** Pixels a chart's canvas (inside the element with this test id) has drawn: 0 for a blank canvas. */
export const drawnPixels = (page: Page, testId: string): Promise<number> =>
  page.getByTestId(testId).locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
    return drawn;
  });
