import { openLink, UdpRelay } from './udpRelay.js';
import { TcpRelay } from './tcpRelay.js';

const dead = { ...openLink, lossPct: 100 };

/**
 * One classroom's own network to the server, which a test can cut like a
 * pulled cable: its pages and signalling through a TCP relay, its media
 * through a UDP relay (the page hooks point its ICE candidates there and drop
 * the TCP ones, see installPageHooks). Everything stays on loopback.
 */
export class ClassroomNetwork {
  private constructor(
    private readonly tcp: TcpRelay,
    private readonly udp: UdpRelay,
    private readonly server: { port: number; rtcPort: number },
  ) {}

  /**
   * The classroom reaches the server's web port through its own relay, at another port: to the server that is
   * another origin (as behind a school's port forward), so the server must be started allowing it —
   * `ALLOWED_ORIGINS` from `originOf(signallingPort)`, with the port reserved before with `freeLoopbackPort`.
   */
  static async open(server: { port: number; rtcPort: number }, signallingPort: number): Promise<ClassroomNetwork> {
    return new ClassroomNetwork(await TcpRelay.open({ port: server.port }, signallingPort), await UdpRelay.open({ port: server.rtcPort }, openLink, openLink), server);
  }

  /** The origin a classroom's pages have behind its relay on `signallingPort`. */
  static originOf(signallingPort: number): string {
    return `http://127.0.0.1:${signallingPort}`;
  }

  /** The link as this classroom opens it: the same path, through its network. */
  url(link: string): string {
    const url = new URL(link);
    url.port = String(this.tcp.port);
    return url.toString();
  }

  /** What installPageHooks needs to send the page's media through this network. */
  get mediaRelay(): { rtcPort: number; relayPort: number } {
    return { rtcPort: this.server.rtcPort, relayPort: this.udp.port };
  }

  /** Cuts everything, or only the media (the signalling connection survives, as on a link that drops UDP). */
  cut(what: 'all' | 'media' = 'all'): void {
    this.udp.set('up', dead);
    this.udp.set('down', dead);
    if (what === 'all') this.tcp.cut();
  }

  restore(): void {
    this.udp.set('up', openLink);
    this.udp.set('down', openLink);
    this.tcp.restore();
  }

  close(): void {
    this.tcp.close();
    this.udp.close();
  }
}
