import { Device } from 'mediasoup-client';
import type { ProducerOptions, Transport, TransportOptions } from 'mediasoup-client/types';
import { ErrorCode, LessonError, precheckVerdict, serverNoticeSchema, type IceServer, type PrecheckReport } from '@shared';
import { openSocket, request, type LessonSocket } from '../lesson/connection';
import { cameraLayers } from '../media/cameraLayers';
import { checkCamera, HEARD_LEVEL, playTestSound, watchMicrophone } from './deviceChecks';
import { initialPrecheckState, resultOf, usePrecheckStore, type PrecheckState } from './precheckStore';
import { testPatternTrack } from './testPattern';
import { candidatesFor, sendSnapshotFrom, uplinkKbps, type SendSnapshot } from './uplink';
import { connectedWithin, relayedPair, relayPorts, relayWays } from './relay';

/** Which classroom's link the check was opened with. */
export interface PrecheckLink {
  lessonId: string;
  classroomId: string;
}

/** ICE over one protocol either connects within this time or counts as blocked (a firewall drops, it does not refuse). */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long the test stream runs for the upload estimate: long enough for congestion control to ramp from its start rate. */
const MEASURE_MS = 6000;
/** Nobody answered the speaker question: the result goes to the teacher anyway, as "not confirmed" (an answer later corrects it). */
const SPEAKER_WAIT_MS = 60_000;
/** The TCP test only needs to connect: one small layer, to spare the classroom PC. */
const smallEncoding = [{ maxBitrate: 200_000, scaleResolutionDownBy: 4, maxFramerate: 15 }];

const set = (change: Partial<PrecheckState>): void => usePrecheckStore.setState(change);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the pre-class check: camera, microphone, a test stream to the SFU
 * over UDP and then TCP (each on its own transport, given only that
 * protocol's candidates), the upload estimate, and — with the person in the
 * room — the speakers. Owns every browser and mediasoup-client object of
 * the page; the store only sees findings.
 */
class PrecheckRun {
  private socket: LessonSocket | null = null;
  private cameraTrack: MediaStreamTrack | null = null;
  private patternTrack: MediaStreamTrack | null = null;
  private microphone: { context: AudioContext; stop(): void } | null = null;
  private soundContext: AudioContext | null = null;
  private transports: Transport[] = [];
  private microphonePeak = 0;
  private automaticDone = false;
  private speakerTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every (re)start, so a previous run's late findings are dropped. */
  private generation = 0;
  private link: PrecheckLink | null = null;

  async start(link: PrecheckLink): Promise<void> {
    this.link = link;
    this.release();
    const generation = ++this.generation;
    this.automaticDone = false;
    this.microphonePeak = 0;
    set({ ...initialPrecheckState() });
    const current = (): boolean => generation === this.generation;
    try {
      const socket = await this.connect();
      const started = await request(socket, { type: 'startPrecheck', lessonId: link.lessonId, classroomId: link.classroomId });
      if (!current()) return;
      set({ classroomName: started.classroomName });
      await this.checkDevices(current);
      if (!current()) return;
      const device = new Device();
      await device.load({ routerRtpCapabilities: started.routerRtpCapabilities });
      const track = this.cameraTrack ?? (this.patternTrack = testPatternTrack());
      if (!track) throw new Error('no video source for the test stream');
      set({ udp: { state: 'running' }, bandwidth: { state: 'running' } });
      const udp = await this.testPath(socket, device, track, 'udp', true);
      if (!current()) return;
      set({ udp: { state: 'done', result: udp.connected ? 'ok' : 'failed' }, tcp: { state: 'running' } });
      const tcp = await this.testPath(socket, device, track, 'tcp', !udp.connected);
      if (!current()) return;
      const measured = udp.connected ? udp : tcp;
      set({
        tcp: { state: 'done', result: tcp.connected ? 'ok' : 'failed' },
        bandwidth: { state: 'done', result: { uplinkKbps: measured.uplinkKbps, rttMs: measured.rttMs, sfuReceivedKbps: measured.sfuReceivedKbps } },
        turn: { state: 'running' },
        turnPorts: relayPorts(started.iceServers),
      });
      const relays = await this.testRelays(socket, device, track, started.iceServers, current);
      if (!current()) return;
      set({ turn: { state: 'done', result: relays } });
      this.closeTransports();
      this.automaticDone = true;
      this.settleMicrophone();
      await this.submitWhenComplete();
    } catch (error) {
      if (!current()) return;
      console.warn('pre-class check failed', error);
      const code = error instanceof LessonError ? error.code : null;
      set({ phase: 'failed', failure: code ? `error.${code}` : 'error.network' });
      this.closeTransports();
    }
  }

  /** Plays the chime; the answer buttons appear once it has played. A click, so it also wakes the microphone's AudioContext. */
  async playSound(): Promise<void> {
    void this.microphone?.context.resume().catch(() => undefined);
    this.soundContext ??= new AudioContext();
    await playTestSound(this.soundContext);
    set({ soundPlayed: true });
  }

  /** The person in the room heard the chime, or did not. */
  async answerSpeaker(heard: boolean): Promise<void> {
    set({ speaker: { state: 'done', result: heard ? 'heard' : 'notHeard' } });
    await this.submitWhenComplete();
  }

  /** The camera, shown on the page while the check runs. */
  cameraPreview = (): MediaStreamTrack | null => this.cameraTrack;

  /** Leaving the page: every device and transport closes. */
  stop(): void {
    this.generation++;
    this.release();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** The report as the verdict rule and the server take it; null while a step is still open. */
  report(state: PrecheckState = usePrecheckStore.getState()): PrecheckReport | null {
    const camera = resultOf(state.camera);
    const microphone = resultOf(state.microphone);
    const speaker = resultOf(state.speaker);
    const udp = resultOf(state.udp);
    const tcp = resultOf(state.tcp);
    const bandwidth = resultOf(state.bandwidth);
    if (!camera || !microphone || !speaker || !udp || !tcp || !bandwidth) return null;
    const turn = resultOf(state.turn);
    if (!turn) return null;
    return { camera, microphone, speaker, udp, tcp, turn: turn.result, relays: turn.relays, uplinkKbps: bandwidth.uplinkKbps, rttMs: bandwidth.rttMs };
  }

  private async submitWhenComplete(): Promise<void> {
    if (!this.automaticDone) return;
    this.settleMicrophone();
    const report = this.report();
    if (report) return this.submit(report);
    set({ phase: 'waitingForPerson' });
    if (this.speakerTimer) return;
    const generation = this.generation;
    this.speakerTimer = setTimeout(() => {
      const state = usePrecheckStore.getState();
      const unanswered = this.report({ ...state, speaker: { state: 'done', result: 'unconfirmed' } });
      if (generation === this.generation && state.speaker.state !== 'done' && unanswered) void this.submit(unanswered);
    }, SPEAKER_WAIT_MS);
  }

  private async submit(report: PrecheckReport): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    set({ phase: 'submitting' });
    try {
      const record = await request(socket, { type: 'submitPrecheck', report });
      set({ phase: 'done', record, failure: null });
    } catch (error) {
      console.warn('sending the check result failed', error);
      // The verdict is still shown from the local rule; only the teacher does not see it.
      set({ phase: 'done', failure: error instanceof LessonError ? `error.${error.code}` : 'error.network' });
    }
  }

  /**
   * The lesson's media server died under the check: its test transports are
   * gone. While none runs the page says so; once the lesson has a new one
   * the check starts again by itself.
   */
  private noticed(raw: unknown): void {
    const notice = serverNoticeSchema.safeParse(raw);
    if (!notice.success) return;
    if (notice.data.type === 'mediaUnavailable') {
      this.generation++;
      this.closeTransports();
      set({ phase: 'failed', failure: 'recovery.media' });
    } else if (notice.data.type === 'mediaRestart' && this.link) {
      void this.start(this.link);
    }
  }

  private async connect(): Promise<LessonSocket> {
    if (this.socket?.connected) return this.socket;
    if (!this.socket) {
      this.socket = openSocket();
      this.socket.on('notice', (raw: unknown) => this.noticed(raw));
    }
    const socket = this.socket;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new LessonError(ErrorCode.Unavailable, 'no connection to the server')), 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        done();
      });
    });
    return socket;
  }

  private async checkDevices(current: () => boolean): Promise<void> {
    set({ camera: { state: 'running' }, microphone: { state: 'running' } });
    const [camera, microphone] = await Promise.all([
      checkCamera(),
      watchMicrophone((rms) => {
        this.microphonePeak = Math.max(this.microphonePeak, rms);
        set({ microphoneLevel: Math.min(1, rms * 8) });
        // Also after it was judged silent: a suspended AudioContext (no click yet) measures nothing until the first click.
        const { microphone: step } = usePrecheckStore.getState();
        if (rms >= HEARD_LEVEL && (step.state !== 'done' || step.result === 'silent')) set({ microphone: { state: 'done', result: 'ok' } });
      }),
    ]);
    if (!current()) {
      camera.track?.stop();
      if ('stop' in microphone) microphone.stop();
      return;
    }
    this.cameraTrack = camera.track;
    set({ camera: { state: 'done', result: camera.result } });
    if ('problem' in microphone) set({ microphone: { state: 'done', result: microphone.problem } });
    else this.microphone = microphone;
  }

  /** Without any sound above the noise floor by the end of the automatic steps, the microphone counts as silent (until it hears something). */
  private settleMicrophone(): void {
    const { microphone } = usePrecheckStore.getState();
    if (!this.microphone) return;
    const heard = this.microphonePeak >= HEARD_LEVEL;
    if (microphone.state !== 'done' || (microphone.result === 'silent' && heard)) {
      set({ microphone: { state: 'done', result: heard ? 'ok' : 'silent' } });
    }
  }

  /**
   * One test transport restricted to one protocol. `measure`: keep the
   * simulcast test stream running and estimate the upload from getStats,
   * then ask the SFU what it received.
   */
  private async testPath(
    socket: LessonSocket,
    device: Device,
    track: MediaStreamTrack,
    protocol: 'udp' | 'tcp',
    measure: boolean,
  ): Promise<{ connected: boolean; uplinkKbps: number | null; rttMs: number | null; sfuReceivedKbps: number | null }> {
    const options = await request(socket, { type: 'createPrecheckTransport' });
    set({ mediaPort: options.iceCandidates[0]?.port ?? null });
    const { transport, connected } = await this.testTransport(
      socket,
      device,
      { ...options, iceCandidates: candidatesFor(options.iceCandidates, protocol) },
      { track, encodings: measure ? cameraLayers(track.getSettings()).encodings : smallEncoding, codecOptions: { videoGoogleStartBitrate: 1000 } },
    );
    const none = { uplinkKbps: null, rttMs: null, sfuReceivedKbps: null };
    // The SFU's own word on the path: ICE must have selected the protocol under test.
    const confirmed = connected && (await this.sfuProtocol(socket, transport.id)) === protocol;
    if (!confirmed || !measure) {
      transport.close();
      return { connected: confirmed, ...none };
    }
    const snapshot = async (): Promise<SendSnapshot> => sendSnapshotFrom((await transport.getStats()).values() as Iterable<Record<string, unknown>>);
    const first = await snapshot();
    await sleep(MEASURE_MS);
    const last = await snapshot();
    const sfu = await request(socket, { type: 'measurePrecheck' });
    transport.close();
    return { connected: true, uplinkKbps: uplinkKbps(first, last), rttMs: last.rttMs === null ? null : Math.round(last.rttMs), sfuReceivedKbps: sfu.receivedKbps };
  }

  /**
   * The relay (TURN), one way in after another (UDP, TCP, TLS): a test
   * transport that may use only that relay (`iceTransportPolicy: 'relay'`),
   * confirmed by the browser's own selected pair being a relayed one and by
   * the SFU seeing it connected.
   */
  private async testRelays(
    socket: LessonSocket,
    device: Device,
    track: MediaStreamTrack,
    iceServers: IceServer[],
    current: () => boolean,
  ): Promise<{ result: PrecheckReport['turn']; relays: Array<'udp' | 'tcp' | 'tls'> }> {
    const ways = relayWays(iceServers);
    if (ways.length === 0) return { result: 'notConfigured', relays: [] };
    const relays: Array<'udp' | 'tcp' | 'tls'> = [];
    for (const way of ways) {
      if (!current()) break;
      const options = await request(socket, { type: 'createPrecheckTransport' });
      const { transport, connected: up } = await this.testTransport(
        socket,
        device,
        { ...options, iceServers: [way.server], iceTransportPolicy: 'relay' },
        { track, encodings: smallEncoding },
      );
      const relayed = up && (await relayedPair(transport));
      if (relayed && (await this.sfuProtocol(socket, transport.id)) !== null) relays.push(way.kind);
      else console.warn(`pre-class check: the relay over ${way.kind} ${up ? 'connected but not relayed' : 'did not connect'}`);
      transport.close();
    }
    return { result: relays.length > 0 ? 'ok' : 'failed', relays };
  }

  /**
   * A test transport sending the test stream, the SFU's test calls wired to
   * its connect and produce. Resolves once ICE came up or gave up: the
   * transport, for the caller to judge and close, and whether it connected.
   */
  private async testTransport(
    socket: LessonSocket,
    device: Device,
    options: TransportOptions,
    stream: Omit<ProducerOptions, 'stopTracks'>,
  ): Promise<{ transport: Transport; connected: boolean }> {
    const transport = device.createSendTransport(options);
    this.transports.push(transport);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      request(socket, { type: 'connectPrecheckTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
      request(socket, { type: 'producePrecheck', transportId: transport.id, kind, rtpParameters }).then(({ producerId }) => done({ id: producerId }), fail);
    });
    const connected = connectedWithin(transport, CONNECT_TIMEOUT_MS);
    // One track serves every test in turn: closing this transport must not stop it.
    await transport.produce({ ...stream, stopTracks: false });
    return { transport, connected: await connected };
  }

  private async sfuProtocol(socket: LessonSocket, transportId: string): Promise<'udp' | 'tcp' | null> {
    const measured = await request(socket, { type: 'measurePrecheck' });
    return measured.transports.find((t) => t.id === transportId)?.protocol ?? null;
  }

  private closeTransports(): void {
    for (const transport of this.transports) transport.close();
    this.transports = [];
  }

  private release(): void {
    if (this.speakerTimer) clearTimeout(this.speakerTimer);
    this.speakerTimer = null;
    this.closeTransports();
    this.cameraTrack?.stop();
    this.patternTrack?.stop();
    this.microphone?.stop();
    this.cameraTrack = this.patternTrack = this.microphone = null;
  }
}

export const precheck = new PrecheckRun();

/** The verdict as the page shows it before (or without) the server's record: the same shared rule. */
export const localVerdict = (state: PrecheckState): ReturnType<typeof precheckVerdict> | null => {
  const report = precheck.report(state);
  return report ? precheckVerdict(report) : null;
};
