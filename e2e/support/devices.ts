import { expect, type Page } from '@playwright/test';

/**
 * Chromium's fake cameras (`device-count=3`) differ: fake_device_1 delivers
 * Y16 frames (a depth-camera format) that WebRTC's encoders drop, so it shows
 * in a <video> but never sends a frame; fake_device_0 and fake_device_2 send.
 * Tests correct the mapping through the settings dialog, as a school's IT
 * person would for a depth camera: fake_device_1 off.
 */
export async function correctDevices(page: Page, mapping: Record<string, string>): Promise<void> {
  await page.getByTestId('device-settings-open').click();
  for (const [label, source] of Object.entries(mapping)) {
    await page.locator(`[data-testid="device-source"][data-label="${label}"]`).selectOption(source);
  }
  await page.getByTestId('device-settings-save').click();
  await expect(page.getByTestId('device-settings')).toHaveCount(0);
}
