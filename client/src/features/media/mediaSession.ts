import { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { isHiddenRole, type IceServer, type JoinedLesson, type MediaSource, type ResumedLesson } from '@shared';
import { send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { PathRepair } from './pathRepair';
import { publisher } from './publisher';
import { subscriber } from './subscriber';

/**
 * This page's media connection to the SFU for one joined session: the
 * mediasoup-client Device and one send and one receive transport, handed to
 * the publisher and the subscriber. A lost network path is repaired on the
 * same transports (PathRepair; key frames asked for when it is back), and a page that takes its place back after a
 * dropped connection keeps them (`resume`); 下课, a media restart or a place
 * not kept closes it and a new join starts another. The local tracks
 * outlive it.
 */
class MediaSession {
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private repairs: PathRepair[] = [];
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
    // Only the teacher and the classrooms send: an observer's or a viewer's page opens no send transport (a crowd of
    // viewers would otherwise hold a thousand idle ones on the server).
    const sends = !isHiddenRole(joined.self.role);
    const [recvTransport, sendTransport] = await Promise.all([
      createTransport(device, 'recv', joined.iceServers),
      sends ? createTransport(device, 'send', joined.iceServers) : Promise.resolve(null),
      send({ type: 'declareCapabilities', rtpCapabilities: device.rtpCapabilities }),
    ]);
    if (generation !== this.generation) {
      recvTransport.close();
      sendTransport?.close();
      return;
    }
    this.recvTransport = recvTransport;
    this.sendTransport = sendTransport;
    const health = (): void => {
      const repairing = this.repairs.some((repair) => !repair.isHealthy);
      const wasRepairing = useLessonStore.getState().mediaRepairing;
      useLessonStore.setState({ mediaRepairing: repairing });
      // The path is back: the pictures on both sides restart now, not when each decoder notices the gap.
      if (wasRepairing && !repairing && generation === this.generation) {
        send({ type: 'pathRestored' }).catch((error: unknown) => console.warn('asking for key frames failed', error));
      }
    };
    this.repairs = [recvTransport, sendTransport].flatMap((transport) => (transport ? [new PathRepair(transport, health)] : []));
    // Receiving starts beside publishing, not after it; from here on a newly announced track is received at once.
    await Promise.all([sendTransport ? publisher.attach(sendTransport) : undefined, subscriber.attach(recvTransport, [...joined.tracks, ...announcedSinceJoin])]);
  }

  /** The transports this page holds open now (a resume tells the server, which keeps its media only if they match). */
  transportIds(): string[] {
    return [this.sendTransport, this.recvTransport].flatMap((transport) => (transport && !transport.closed ? [transport.id] : []));
  }

  /** Whether this page's transports are the ones the server kept for its place (then `resume` can keep everything). */
  keeps(keptTransports: string[]): boolean {
    const open = [this.sendTransport, this.recvTransport].filter((transport) => transport && !transport.closed);
    return open.length > 0 && open.length === keptTransports.length && open.every((transport) => keptTransports.includes(transport!.id));
  }

  /**
   * The page took its place back (断网续传) and the server kept its
   * transports: the producers and consumers are still there. Repairs the
   * path if it is down, and brings what is received in line with the
   * lesson's tracks now (some may have come or gone while it was away).
   */
  async resume(resumed: ResumedLesson): Promise<void> {
    // Fresh TURN credentials for the kept transports: an ICE restart hours into the day must not meet expired ones.
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (transport && !transport.closed) transport.updateIceServers({ iceServers: resumed.iceServers }).catch((error: unknown) => console.warn('updating TURN servers failed', error));
    }
    for (const repair of this.repairs) repair.repairIfFailed();
    await Promise.all([subscriber.reconcile(resumed.tracks), this.sendTransport ? publisher.attach(this.sendTransport) : undefined]);
  }

  /** Closes both transports (and with them producers and consumers); local tracks stay open. */
  stop(): void {
    this.generation++;
    for (const repair of this.repairs) repair.stop();
    this.repairs = [];
    useLessonStore.setState({ mediaRepairing: false });
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    publisher.detach();
    subscriber.detach();
  }
}

/**
 * One transport to the SFU. With TURN servers ICE tries the SFU's own candidates and the relay at once
 * (iceTransportPolicy stays 'all'), so a classroom whose firewall blocks the media ports gets through the relay
 * by itself and everyone else keeps the direct path.
 */
async function createTransport(device: Device, direction: 'send' | 'recv', iceServers: IceServer[]): Promise<Transport> {
  const options = { ...(await send({ type: 'createTransport', direction })), iceServers };
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
