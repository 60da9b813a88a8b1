import { t } from '../i18n';

/** Title bar. The close button is the only way out on a full-screen (narrow) panel. */
export function Header({ title, onClose }: { title: string; onClose: (() => void) | null }) {
  return (
    <header class="header">
      <h1>{title}</h1>
      {onClose && (
        <button type="button" class="icon" aria-label={t.close} onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      )}
    </header>
  );
}
