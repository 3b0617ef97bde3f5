import type { z } from 'zod';
import { testClockSchema } from '@shared';
import { demand } from '../auth/can.js';
import { FIRST_BUREAU } from '../auth/bootstrap.js';
import type { ApiRoute } from './apiRoute.js';

/**
 * TEST_CLOCK=on only: an end-to-end test moves the timetable's "now", and the
 * scheduler looks again at once (lessons due start, lessons over end). The
 * server's own bureau's admins only, as for `/api/health`.
 */
export const testClockRoute: ApiRoute = {
  method: 'post',
  path: '/test/clock',
  action: 'clock.set',
  summary: "Moves the server's clock (the timetable's now); only with TEST_CLOCK=on.",
  response: testClockSchema,
  body: testClockSchema,
  mountedIf: (config) => config.testClock,
  async run(call) {
    demand(call.principal, 'clock.set', { bureauId: FIRST_BUREAU });
    const { nowMs } = call.body as z.infer<typeof testClockSchema>;
    call.services.clock.set(nowMs);
    await call.services.timetable.wake({ expand: true });
    return { nowMs: call.services.clock.now() };
  },
};
