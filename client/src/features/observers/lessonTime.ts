/** A moment of the lesson as people say it: minutes and seconds from 开始上课 (— before it). */
export function lessonTime(lessonMs: number | null): string {
  if (lessonMs === null) return '—';
  const seconds = Math.floor(lessonMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
