import { createSocket, type Socket } from 'node:dgram';

const bind = (port: number): Promise<Socket | null> =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });

/**
 * Two free consecutive loopback UDP ports, the first even, for one ffmpeg
 * input: ffmpeg's RTP demuxer binds the SDP's port and, as it does not know
 * `a=rtcp-mux`, the next one for RTCP (mediasoup sends RTCP muxed on the
 * first, which ffmpeg reads there too). The ports are freed before ffmpeg
 * binds them; taken meanwhile by someone else, ffmpeg fails and is started
 * again on a new pair.
 */
export async function freeUdpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await bind(0);
    if (!first) continue;
    const port = first.address().port;
    const second = port % 2 === 0 && port < 65535 ? await bind(port + 1) : null;
    first.close();
    second?.close();
    if (second) return port;
  }
  throw new Error('no free pair of loopback UDP ports for a recorder');
}
