import { describe, expect, it } from 'vitest';
import { createLogger, inRequest, outsideRequest } from './log.js';

/** A logger writing into an array, one parsed JSON object per line. */
function capture(): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('info', ['a-secret-value'], { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

describe('the server log', () => {
  it('gives every line written while a request is served its request id, after awaits and through child loggers', async () => {
    const { lines, logger } = capture();
    const lessonLog = logger.child({ lessonId: 'lesson-1' });
    await inRequest('req-1', async () => {
      await new Promise((r) => setTimeout(r, 1));
      lessonLog.info('joined');
    });
    logger.info('between requests');
    expect(lines).toMatchObject([{ requestId: 'req-1', lessonId: 'lesson-1', msg: 'joined' }, { msg: 'between requests' }]);
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('leaves out of the request what runs outside it, and the timers that work sets', async () => {
    const { lines, logger } = capture();
    await inRequest('req-3', () =>
      outsideRequest(async () => {
        await new Promise((r) => setTimeout(r, 1));
        logger.info('a queue pass');
      }),
    );
    expect(lines[0]).toMatchObject({ msg: 'a queue pass' });
    expect(lines[0]).not.toHaveProperty('requestId');
  });

  it('still scrubs the secrets', () => {
    const { lines, logger } = capture();
    inRequest('req-2', () => logger.warn({ url: 'redis://:a-secret-value@host' }, 'a-secret-value leaked'));
    expect(JSON.stringify(lines)).not.toContain('a-secret-value');
    expect(lines[0]).toMatchObject({ requestId: 'req-2' });
  });
});
