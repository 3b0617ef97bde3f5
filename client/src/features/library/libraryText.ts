import type { Chapter, DirectedViewState } from '@shared';
import type { LibraryTranslate } from './libraryMessages';

/** A time on the timeline as a player shows it: 1:05, 1:02:05. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A file size in MB or GB, one decimal. */
export function fileSize(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** A chapter's label in the page's language. */
export function chapterLabel(t: LibraryTranslate, chapter: Chapter): string {
  const separator = t('accounts.listSeparator');
  switch (chapter.kind) {
    case 'start':
      return t('player.chapter.start');
    case 'layout': {
      const layout = t(`directing.${chapter.choice}`);
      return chapter.mainName && chapter.choice !== 'grid' ? t('player.chapter.layoutMain', { layout, name: chapter.mainName }) : t('player.chapter.layout', { layout });
    }
    case 'floorGranted':
      return t('player.chapter.floorGranted', { names: chapter.names.join(separator) });
    case 'floorReturned':
      return t('player.chapter.floorReturned', { names: chapter.names.join(separator) });
    case 'discussion':
      return t(chapter.on ? 'player.chapter.discussionOn' : 'player.chapter.discussionOff');
  }
}

/** What the directed view's state says to a viewer. */
export function directedText(t: LibraryTranslate, state: DirectedViewState): string {
  if (state.status !== 'making') return t(`library.directed.${state.status}`);
  const percent = Math.round((state.progress ?? 0) * 100);
  return state.secondsLeft === null ? t('library.directed.making', { percent }) : t('library.directed.makingLeft', { percent, minutes: Math.max(1, Math.ceil(state.secondsLeft / 60)) });
}
