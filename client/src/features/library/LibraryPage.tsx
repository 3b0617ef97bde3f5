import { useState } from 'react';
import { libraryListSchema, scopeOf, type LibraryFacets, type LibraryItem, type Me } from '@shared';
import { api } from '../auth/session';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { LibraryCard } from './LibraryCard';
import { apiQueryOf, emptyFilters, filtersFromSearch, searchOf, type LibraryFilters } from './libraryFilters';
import { libraryDictionary, type LibraryTranslate } from './libraryMessages';
import '../accounts/accounts.css';
import './library.css';

/** 资源库: search and filter the recordings and micro-lessons one may see; each opens in the player. */
export function LibraryPage() {
  const t = useDictionary(libraryDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase === 'signedIn') return <Library me={signed.me} />;
  return (
    <div className="account-page" data-testid="library-page" data-phase={signed.phase}>
      <AccountBar title={t('library.title')} me={null} />
      <SessionProblem state={signed} />
    </div>
  );
}

function Library({ me }: { me: Me }) {
  const t = useDictionary(libraryDictionary);
  const [filters, setFilters] = useState<LibraryFilters>(() => filtersFromSearch(window.location.search));
  const query = apiQueryOf(filters);
  const list = useLoad(() => api(`/library${query ? `?${query}` : ''}`, libraryListSchema), query);
  // The filters are in the address, so a reload or a shared link shows the same search.
  const change = (next: LibraryFilters) => {
    setFilters(next);
    const query = searchOf(next);
    history.replaceState(history.state, '', `/library${query ? `?${query}` : ''}`);
  };
  if (scopeOf('recording.view', me.role) === null) {
    return (
      <div className="account-page" data-testid="library-page" data-phase="signedIn">
        <AccountBar title={t('library.title')} me={me} />
        <p className="account-panel" data-testid="library-not-allowed">{t('library.notAllowed')}</p>
      </div>
    );
  }
  return (
    <div className="account-page library-page" data-testid="library-page" data-phase="signedIn">
      <AccountBar title={t('library.title')} me={me} />
      <FilterBar t={t} filters={filters} facets={list.data?.facets ?? null} onChange={change} />
      <LoadState loaded={list}>
        {({ items }) => <Results t={t} items={items} filtered={query !== ''} />}
      </LoadState>
    </div>
  );
}

function FilterBar({ t, filters, facets, onChange }: { t: LibraryTranslate; filters: LibraryFilters; facets: LibraryFacets | null; onChange(next: LibraryFilters): void }) {
  const [text, setText] = useState(filters.q);
  const set = (key: keyof LibraryFilters) => (value: string) => onChange({ ...filters, [key]: value });
  const pick = (key: 'subject' | 'grade' | 'teacher' | 'school', options: Array<{ value: string; label: string }>) => (
    <label className="field">
      <span>{t(`library.${key}`)}</span>
      <select data-testid={`library-filter-${key}`} value={filters[key]} onChange={(e) => set(key)(e.target.value)}>
        <option value="">{t('library.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (values: string[] | undefined) => (values ?? []).map((v) => ({ value: v, label: v }));
  return (
    <section className="account-panel library-filters" aria-label={t('library.search')}>
      <form
        className="library-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...filters, q: text.trim() });
        }}
      >
        <input data-testid="library-search-text" type="search" value={text} placeholder={t('library.searchPlaceholder')} aria-label={t('library.search')} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button--primary" data-testid="library-search">
          {t('library.search')}
        </button>
      </form>
      <div className="library-filters__row">
        {pick('subject', plain(facets?.subjects))}
        {pick('grade', plain(facets?.grades))}
        {pick('teacher', (facets?.teachers ?? []).map((x) => ({ value: x.id, label: x.name })))}
        {pick('school', (facets?.schools ?? []).map((x) => ({ value: x.id, label: x.name })))}
        <label className="field">
          <span>{t('library.from')}</span>
          <input type="date" data-testid="library-filter-from" value={filters.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('library.to')}</span>
          <input type="date" data-testid="library-filter-to" value={filters.to} onChange={(e) => set('to')(e.target.value)} />
        </label>
        <button
          type="button"
          data-testid="library-clear"
          onClick={() => {
            setText('');
            onChange(emptyFilters);
          }}
        >
          {t('library.clear')}
        </button>
      </div>
    </section>
  );
}

function Results({ t, items, filtered }: { t: LibraryTranslate; items: LibraryItem[]; filtered: boolean }) {
  if (items.length === 0) return <p className="account-panel account-muted" data-testid="library-none">{t(filtered ? 'library.none' : 'library.empty')}</p>;
  return (
    <>
      <p className="account-muted" data-testid="library-count">{t('library.found', { count: items.length })}</p>
      <ul className="library-grid" data-testid="library-items">
        {items.map((item) => (
          <LibraryCard key={`${item.kind}:${item.id}`} t={t} item={item} />
        ))}
      </ul>
    </>
  );
}
