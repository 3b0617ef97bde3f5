import type { z } from 'zod';
import { ErrorCode, LessonError } from '@shared';
import { api } from '../auth/session';
import { useI18nStore } from '../i18n/i18nStore';

/**
 * The 课表 API in the page's language: a conflict's message (which names the
 * other lesson) comes back in Chinese with `?lang=zh`, and the page shows it
 * as the server wrote it.
 */
export function timetableApi<T extends z.ZodType>(path: string, data: T, body?: unknown): Promise<z.output<T>> {
  const zh = useI18nStore.getState().locale === 'zh-CN';
  const address = zh ? `${path}${path.includes('?') ? '&' : '?'}lang=zh` : path;
  return api(address, data, body === undefined ? {} : { body });
}

/** The server's own sentence for a refused change (a conflict, a bad field), or null for other failures. */
export function refusalText(error: unknown): string | null {
  if (!(error instanceof LessonError)) return null;
  return error.code === ErrorCode.Conflict || error.code === ErrorCode.BadRequest || error.code === ErrorCode.NotFound ? error.message : null;
}

/** Today in the school's time zone, `YYYY-MM-DD`. */
export const todayIn = (timeZone: string, now = Date.now()): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
