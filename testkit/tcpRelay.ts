import { createServer, connect, type Server, type Socket } from 'node:net';

/** One relayed connection: the page's side and the server's side. */
interface Pair {
  page: Socket;
  server: Socket | null;
}

/**
 * A TCP relay on 127.0.0.1 in front of the Tongtang server's HTTP port, for
 * one classroom's page (its pages, Socket.IO and API calls all go through
 * it). `cut()` makes the network dead the way a pulled cable is: nothing
 * arrives and nothing is refused. Each relayed socket stops being read, so
 * what either side sends, and a close, waits in the buffers as TCP would
 * keep retransmitting it; a connection opened meanwhile gets no answer.
 * `restore()` lets it all flow again: a connection whose other end gave up
 * during the cut then closes, as TCP resets it.
 */
export class TcpRelay {
  private readonly pairs = new Set<Pair>();
  private isCut = false;

  private constructor(
    private readonly front: Server,
    private readonly target: { host: string; port: number },
  ) {
    front.on('connection', (page) => this.accept(page));
  }

  /** `frontPort`: where the relay listens (0: any free port). */
  static async open(target: { host?: string; port: number }, frontPort = 0): Promise<TcpRelay> {
    const front = createServer();
    await new Promise<void>((done) => front.listen(frontPort, '127.0.0.1', done));
    return new TcpRelay(front, { host: target.host ?? '127.0.0.1', port: target.port });
  }

  get port(): number {
    const address = this.front.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  cut(): void {
    if (this.isCut) return;
    this.isCut = true;
    for (const pair of this.pairs) this.hold(pair);
  }

  /** Idempotent: a relay that was not cut is left as it is (piping a pair twice would deliver every byte twice). */
  restore(): void {
    if (!this.isCut) return;
    this.isCut = false;
    for (const pair of this.pairs) {
      if (!pair.server) this.dial(pair);
      else this.flow(pair);
    }
  }

  close(): void {
    for (const pair of this.pairs) {
      pair.page.destroy();
      pair.server?.destroy();
    }
    this.pairs.clear();
    this.front.close();
  }

  private accept(page: Socket): void {
    const pair: Pair = { page, server: null };
    this.pairs.add(pair);
    page.on('error', () => undefined);
    page.on('close', () => {
      pair.server?.destroy();
      this.pairs.delete(pair);
    });
    if (this.isCut) page.pause();
    else this.dial(pair);
  }

  private dial(pair: Pair): void {
    const server = connect(this.target.port, this.target.host);
    pair.server = server;
    server.on('error', () => pair.page.destroy());
    server.on('close', () => pair.page.destroy());
    this.flow(pair);
  }

  /** Bytes flow both ways (piping reads each side as the other can take it). */
  private flow(pair: Pair): void {
    pair.page.pipe(pair.server!);
    pair.server!.pipe(pair.page);
  }

  /** Neither side is read any more: what it sends, and its close, wait in the socket buffers. */
  private hold(pair: Pair): void {
    if (pair.server) {
      pair.page.unpipe(pair.server);
      pair.server.unpipe(pair.page);
      pair.server.pause();
    }
    pair.page.pause();
  }
}
