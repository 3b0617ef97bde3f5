import type { Producer } from 'mediasoup-client/types';
import { CAMERA_ENCODINGS, cameraLayers, highestLayerSent } from './cameraLayers';

/** The change in flight per camera: getParameters/setParameters pairs of one sender must not interleave. */
const inFlight = new WeakMap<Producer, Promise<void>>();

/**
 * Fits a camera producer's simulcast encodings to the picture its track
 * delivers now (scales and bitrates, see cameraLayers) and switches on the
 * layers up to the largest anyone shows it at (`wanted`, from sendLayers),
 * never one the camera cannot fill. Called when it is published, when its
 * track is swapped and when the SFU's wish changes; one call at a time per
 * camera, each reading the track afresh.
 */
export function fitCameraLayers(producer: Producer, wanted: number): Promise<void> {
  const next = (inFlight.get(producer) ?? Promise.resolve()).then(() => fit(producer, wanted));
  inFlight.set(producer, next.catch(() => undefined));
  return next.catch((error: unknown) => console.warn('cannot change the layers sent', error));
}

async function fit(producer: Producer, wanted: number): Promise<void> {
  const sender = producer.rtpSender;
  const track = producer.track;
  if (!sender || !track || producer.closed) return;
  const parameters = sender.getParameters();
  if (parameters.encodings.length !== CAMERA_ENCODINGS) return;
  const { encodings, filled } = cameraLayers(track.getSettings());
  const moved = parameters.encodings.some(
    (current, layer) => current.scaleResolutionDownBy !== encodings[layer]!.scaleResolutionDownBy || current.maxBitrate !== encodings[layer]!.maxBitrate,
  );
  if (moved) {
    parameters.encodings.forEach((current, layer) => {
      const { scaleResolutionDownBy, maxBitrate, maxFramerate } = encodings[layer]!;
      Object.assign(current, { scaleResolutionDownBy, maxBitrate, maxFramerate });
    });
    await sender.setParameters(parameters);
  }
  // Through mediasoup-client, which keeps its SDP's simulcast line in step; it does nothing when the layer is unchanged.
  await producer.setMaxSpatialLayer(highestLayerSent(wanted, filled));
}
