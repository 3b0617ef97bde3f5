import { RTCPeerConnection, type RTCRtpTransceiver } from 'werift';
import type { TransportOptions } from '@shared';
import type { DtlsParameters } from 'mediasoup-client/types';

/*
 * A light WebRTC client for tests and benches: werift's peer connection
 * talking to one mediasoup transport, the way mediasoup-client does in a
 * browser, but in Node and without a codec. It costs a few percent of a core
 * where a Chromium page costs a whole one, so a test can open dozens; and it
 * sends exactly what the test writes, which is what a hostile terminal does.
 *
 * The SFU is ICE-lite and the DTLS server here: the page's offer says
 * actpass, the answer made from the transport's options says passive.
 */

/** One m-section: on a receive link a consumer's stream; on a send link what the test will write. */
export interface LinkStream {
  kind: 'audio' | 'video';
  ssrc: number;
  payloadType: number;
  mimeType: string;
  clockRate: number;
  channels?: number;
}

export interface MediasoupLink {
  pc: RTCPeerConnection;
  /** One per stream, in order. */
  transceivers: RTCRtpTransceiver[];
  close(): Promise<void>;
}

/**
 * Opens a peer connection to `transport`: one m-section per stream, all
 * sending or all receiving, bundled; `connect` gets the DTLS parameters to pass to the
 * server (connectTransport). Resolves once DTLS is up.
 */
export async function openLink(
  transport: TransportOptions,
  direction: 'send' | 'recv',
  streams: LinkStream[],
  connect: (dtlsParameters: DtlsParameters) => Promise<void>,
): Promise<MediasoupLink> {
  const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });
  const transceivers = streams.map((stream) => pc.addTransceiver(stream.kind, { direction: direction === 'send' ? 'sendonly' : 'recvonly' }));
  await pc.setLocalDescription(await pc.createOffer());
  const offer = pc.localDescription!.sdp;
  const fingerprint = /a=fingerprint:(\S+) (\S+)/.exec(offer);
  const mids = [...offer.matchAll(/a=mid:(\S+)/g)].map((m) => m[1]!);
  if (!fingerprint || mids.length !== streams.length) throw new Error('werift offered no DTLS fingerprint or not one m-section per stream');
  await pc.setRemoteDescription({ type: 'answer', sdp: answerFor(transport, direction, streams, mids) });
  await connect({ role: 'client', fingerprints: [{ algorithm: fingerprint[1] as 'sha-256', value: fingerprint[2]! }] });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`light link not connected within 10 s (${pc.connectionState})`)), 10_000);
    const check = (): void => {
      if (pc.connectionState === 'connected') {
        clearTimeout(timer);
        done();
      } else if (pc.connectionState === 'failed') {
        clearTimeout(timer);
        fail(new Error('light link failed'));
      }
    };
    pc.connectionStateChange.subscribe(check);
    check();
  });
  return { pc, transceivers, close: () => pc.close() };
}

/** The SFU's side as SDP: its ICE candidates, credentials and certificate, and the streams. */
function answerFor(transport: TransportOptions, direction: 'send' | 'recv', streams: LinkStream[], mids: string[]): string {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? transport.dtlsParameters.fingerprints[0]!;
  const session = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    `a=group:BUNDLE ${mids.join(' ')}`,
    'a=ice-lite',
    `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value.toUpperCase()}`,
  ];
  const sections = streams.flatMap((stream, index) => {
    const codec = `${stream.mimeType.split('/')[1]}/${stream.clockRate}${stream.channels ? `/${stream.channels}` : ''}`;
    return [
      `m=${stream.kind} 7 UDP/TLS/RTP/SAVPF ${stream.payloadType}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${mids[index]}`,
      direction === 'send' ? 'a=recvonly' : 'a=sendonly',
      `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
      `a=ice-pwd:${transport.iceParameters.password}`,
      ...transport.iceCandidates
        .filter((c) => c.protocol === 'udp')
        .map((c) => `a=candidate:${c.foundation} 1 udp ${c.priority} ${c.ip} ${c.port} typ host`),
      'a=end-of-candidates',
      'a=setup:passive',
      'a=rtcp-mux',
      'a=rtcp-rsize',
      `a=rtpmap:${stream.payloadType} ${codec}`,
      ...(direction === 'recv' ? [`a=ssrc:${stream.ssrc} cname:tongtang`] : []),
    ];
  });
  return `${[...session, ...sections].join('\r\n')}\r\n`;
}
