import { openTarget, targetUrl, type PageTarget } from '../../testkit/pageTarget.js';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { scheduleLesson, serverReceiver } from '../../testkit/adminApi.js';
import { installPageHooks } from '../../testkit/pageHooks.js';
import type { ServerProcess } from '../../testkit/serverProcess.js';
import { UdpRelay, type LinkProfile } from '../../testkit/udpRelay.js';

const receiving = ['shanping-4', 'hewan-4-2'];

export interface BenchClassroom {
  id: string;
  page: Page;
  relay: UdpRelay | null;
}

/** A freshly scheduled lesson with the teacher and `count` classrooms open, each classroom behind its own relay if `link` is given. */
export class BenchLesson {
  private readonly contexts: BrowserContext[] = [];
  teacher!: Page;
  classrooms: BenchClassroom[] = [];
  lessonId = '';

  constructor(
    private readonly browser: Browser,
    private readonly server: ServerProcess,
  ) {}

  async open(title: string, count: number, link: LinkProfile | null | ((index: number) => LinkProfile | null)): Promise<void> {
    if (count < 1 || count > receiving.length) throw new Error(`--classrooms must be 1…${receiving.length} (the demo schools)`);
    const links = await scheduleLesson({ title, classroomIds: receiving.slice(0, count) }, this.server);
    this.lessonId = links.lessonId;
    this.teacher = await this.page(links.teacher, null);
    this.classrooms = await Promise.all(
      links.classrooms.map(async (classroom, index) => {
        const profile = typeof link === 'function' ? link(index) : link;
        const relay = profile ? await UdpRelay.open({ port: this.server.rtcPort }, profile, profile, index + 1) : null;
        return { id: `classroom:${classroom.classroomId}`, page: await this.page(classroom.url, relay), relay };
      }),
    );
  }

  /** What the SFU sends a participant: its downlink estimate (kbit/s, null before it has one) and the layer it forwards of `from`'s camera. */
  async downlinkAt(participantId: string, from: string): Promise<{ estimateKbps: number | null; layer: number | null; temporal: number | null }> {
    const receiver = await serverReceiver(this.lessonId, participantId, this.server);
    const camera = receiver?.consumers.find((c) => c.from === from && c.kind === 'video');
    return { estimateKbps: receiver?.downlinkEstimateKbps ?? null, layer: camera?.currentSpatialLayer ?? null, temporal: camera?.currentTemporalLayer ?? null };
  }

  get pages(): Page[] {
    return [this.teacher, ...this.classrooms.map((c) => c.page)];
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((context) => context.close().catch(() => undefined)));
    for (const classroom of this.classrooms) classroom.relay?.close();
  }

  private async page(target: PageTarget, relay: UdpRelay | null): Promise<Page> {
    const url = targetUrl(target);
    const context = await this.browser.newContext({ viewport: { width: 960, height: 540 } });
    this.contexts.push(context);
    await installPageHooks(context, relay ? { rtcPort: this.server.rtcPort, relayPort: relay.port } : null);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`[page ${new URL(url).pathname}] ${m.text()}`));
    await openTarget(page, target);
    return page;
  }
}
