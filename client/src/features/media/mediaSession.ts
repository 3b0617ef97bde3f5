import { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import type { JoinedLesson, MediaSource } from '@shared';
import { send } from '../lesson/connection';
import { publisher } from './publisher';
import { subscriber } from './subscriber';

/**
 * This page's media connection to the SFU for one joined session: the
 * mediasoup-client Device and one send and one receive transport, handed to
 * the publisher and the subscriber. A reconnect, 下课 or a media restart
 * closes it and a new join starts another; the local tracks outlive it.
 */
class MediaSession {
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  /** Bumped on every (re)start so work of a previous session is dropped. */
  private generation = 0;

  /** Connects media for a freshly joined lesson: device, transports, local producers, existing tracks. */
  async start(joined: JoinedLesson): Promise<void> {
    // Tracks announced since the join reply (while this page opened its devices) are kept, not dropped with the old session.
    const announcedSinceJoin = subscriber.takePending();
    this.stop();
    const generation = ++this.generation;
    const device = new Device();
    await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
    // Round trips in parallel: a classroom that just opened its page should see the teacher as soon as possible.
    const [recvTransport, sendTransport] = await Promise.all([
      createTransport(device, 'recv'),
      createTransport(device, 'send'),
      send({ type: 'declareCapabilities', rtpCapabilities: device.rtpCapabilities }),
    ]);
    if (generation !== this.generation) {
      recvTransport.close();
      sendTransport.close();
      return;
    }
    this.recvTransport = recvTransport;
    this.sendTransport = sendTransport;
    // Receiving starts beside publishing, not after it; from here on a newly announced track is received at once.
    await Promise.all([publisher.attach(sendTransport), subscriber.attach(recvTransport, [...joined.tracks, ...announcedSinceJoin])]);
  }

  /** Closes both transports (and with them producers and consumers); local tracks stay open. */
  stop(): void {
    this.generation++;
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    publisher.detach();
    subscriber.detach();
  }
}

async function createTransport(device: Device, direction: 'send' | 'recv'): Promise<Transport> {
  const options = await send({ type: 'createTransport', direction });
  const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    send({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  if (direction === 'send') {
    transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
      const source = appData['source'] as MediaSource;
      send({ type: 'produce', transportId: transport.id, kind, source, rtpParameters }).then(({ producerId }) => done({ id: producerId }), fail);
    });
  }
  return transport;
}

/** This page's one media session. */
export const mediaSession = new MediaSession();
