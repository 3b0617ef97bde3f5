import { ErrorCode, LessonError } from '@shared';
import { accessToken } from '../auth/session';

/**
 * Downloads one CSV of the report. The API wants a bearer token, which a
 * plain link cannot send, so the file is fetched and handed to the browser
 * as a blob with the server's file name.
 */
export async function downloadCsv(lessonId: string, part: 'scores' | 'participation' | 'comments'): Promise<void> {
  const response = await fetch(`/api/lessons/${encodeURIComponent(lessonId)}/report.csv?part=${part}`, { headers: { authorization: `Bearer ${await accessToken()}` } });
  if (!response.ok) {
    const reply = (await response.json().catch(() => null)) as { error?: { code: ErrorCode; message: string } } | null;
    throw new LessonError(reply?.error?.code ?? ErrorCode.Unavailable, reply?.error?.message ?? `download failed (${response.status})`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = named?.[1] ? decodeURIComponent(named[1]) : `report-${part}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
