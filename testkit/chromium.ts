/**
 * Flags for Debian's Chromium in this sandbox: no network chatter, fake camera
 * and microphone, sound without a click. The fake camera runs at 10 fps: two
 * cores must encode three 720p simulcast cameras and decode the others in
 * three browsers at once, and at 30 fps the machine is so loaded that timing
 * figures measure the CPU queue, not the product.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=fps=10',
  '--autoplay-policy=no-user-gesture-required',
];
