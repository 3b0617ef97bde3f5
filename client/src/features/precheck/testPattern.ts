/**
 * A moving noise picture, used as the test stream when the classroom has no
 * camera: the upload test must still send something an encoder cannot
 * squeeze to nothing. Stop it with the returned track's stop().
 */
export function testPatternTrack(): MediaStreamTrack | null {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d');
  if (!context || typeof canvas.captureStream !== 'function') return null;
  const track = canvas.captureStream(15).getVideoTracks()[0] ?? null;
  const timer = setInterval(() => {
    for (let i = 0; i < 200; i++) {
      context.fillStyle = `hsl(${Math.floor(Math.random() * 360)} 70% 50%)`;
      context.fillRect(Math.random() * 640, Math.random() * 360, 24, 24);
    }
  }, 66);
  track?.addEventListener('ended', () => clearInterval(timer));
  const stop = track?.stop.bind(track);
  if (track && stop) track.stop = () => { clearInterval(timer); stop(); };
  return track;
}
