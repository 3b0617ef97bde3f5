import { Suspense, type ReactNode } from 'react';
import { useT } from '../i18n/useT';

/** A panel or drawer whose code loads when it is first drawn (see lazyPart): its place is kept meanwhile, so nothing jumps. */
export function DeferredPanel({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PanelPlaceholder />}>{children}</Suspense>;
}

function PanelPlaceholder() {
  const t = useT();
  return (
    <section className="panel panel-placeholder" data-testid="panel-placeholder" aria-busy="true">
      <p>{t('page.loading')}</p>
    </section>
  );
}
