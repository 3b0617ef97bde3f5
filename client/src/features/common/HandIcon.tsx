/**
 * A raised hand (举手), drawn inline: the ✋ emoji it replaces rendered as an
 * empty box on classroom PCs without an emoji font. It takes the text's size
 * (1em) and colour, and is decoration only: the words beside it say what it means.
 */
export function HandIcon({ className }: { className?: string }) {
  return (
    <svg className={className} data-icon="hand" viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false">
      <rect x="5" y="5" width="3" height="10" rx="1.5" />
      <rect x="8.5" y="2.5" width="3" height="11" rx="1.5" />
      <rect x="12" y="3" width="3" height="11" rx="1.5" />
      <rect x="15.5" y="5.5" width="3" height="10" rx="1.5" />
      <path d="M5 11.5h13.5v4A6.5 6.5 0 0 1 12 22h-.5A6.5 6.5 0 0 1 5 15.5z" />
      <rect x="1.6" y="10.5" width="3" height="8" rx="1.5" transform="rotate(-32 3.1 14.5)" />
    </svg>
  );
}
