import type { LibraryItem } from '@shared';
import { formatTime } from '../accounts/format';
import { useI18nStore } from '../i18n/i18nStore';
import { clock, directedText, fileSize } from './libraryText';
import type { LibraryTranslate } from './libraryMessages';

/** One recording or micro-lesson of the library: what it is, whose, when, how long, and a big 观看. */
export function LibraryCard({ t, item }: { t: LibraryTranslate; item: LibraryItem }) {
  const locale = useI18nStore((state) => state.locale);
  const href = `/library/${item.kind}/${encodeURIComponent(item.id)}`;
  const playable = item.kind === 'recording' ? item.directed.status === 'ready' : item.status === 'ready';
  const when = item.kind === 'recording' ? item.startedAt : item.createdAt;
  const length = item.kind === 'recording' ? item.durationMs : (item.durationMs ?? item.outMs - item.inMs);
  const state =
    item.kind === 'recording'
      ? `${t(`library.status.${item.status}`)} · ${directedText(t, item.directed)}`
      : item.status === 'making'
        ? t('clip.making', { title: item.title, percent: Math.round(item.progress * 100) })
        : item.status === 'failed'
          ? t('clip.failed', { title: item.title })
          : null;
  return (
    <li className={`library-card library-card--${item.kind}`} data-testid="library-item" data-kind={item.kind} data-id={item.id}>
      <span className={`state ${item.kind === 'clip' ? 'state--warn' : 'state--ok'}`}>{t(`library.kind.${item.kind}`)}</span>
      <h2 className="library-card__title" data-testid="library-item-title">
        {item.title}
      </h2>
      <p className="library-card__facts">
        {[item.subject, item.grade, item.teacherName].filter(Boolean).join(' · ')}
      </p>
      <p className="library-card__facts account-muted">{item.schools.map((s) => s.name).join(t('accounts.listSeparator'))}</p>
      <p className="library-card__facts account-muted">
        {formatTime(when, locale)} · {t('library.duration', { time: clock(length) })}
        {item.sizeBytes > 0 ? ` · ${fileSize(item.sizeBytes)}` : ''}
        {item.kind === 'recording' && item.clipCount > 0 ? ` · ${t('library.clips', { count: item.clipCount })}` : ''}
      </p>
      {item.kind === 'clip' && item.description && <p className="library-card__description">{item.description}</p>}
      {state && (
        <p className="library-card__state" data-testid="library-item-state">
          {state}
        </p>
      )}
      <a className={`link-button library-card__open${playable ? '' : ' link-button--plain'}`} href={href} data-testid="library-open">
        {t('library.open')}
      </a>
    </li>
  );
}
