import { t } from '../i18n';
import type { WireMessage } from '../../shared/api';

/** "Did you mean…" chips; choosing one sends its label with the intent id. */
export function Suggestions({ items, onPick }: { items: WireMessage['suggestions']; onPick(label: string, intentId: string): void }) {
  return (
    <div class="suggestions" role="group" aria-label={t.didYouMean}>
      <span aria-hidden="true">{t.didYouMean}</span>
      <ul>
        {items.map((s) => (
          <li key={s.intentId}>
            <button type="button" class="chip" onClick={() => onPick(s.label, s.intentId)}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
