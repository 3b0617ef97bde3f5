import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A dialog over the page, closed with its own button or Escape. Focus moves
 * into it when it opens, so a keyboard user lands on what it asks.
 */
export function Dialog({ title, testId, onClose, children, className }: { title: string; testId: string; onClose(): void; children: ReactNode; className?: string }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="account-dialog" data-testid={testId}>
      <div className={['account-dialog__panel', className].filter(Boolean).join(' ')} role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={panel}>
        <h2 className="account-dialog__title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
