import { useState } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  value: boolean | null;
  onAnswer(helpful: boolean): Promise<void>;
}

/** "Did this answer your question?" Yes / No under an answer. */
export function Feedback({ value, onAnswer }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  if (value !== null) return <p class="feedback-done">{t.feedbackThanks}</p>;
  const answer = async (helpful: boolean) => {
    setBusy(true);
    setError(false);
    try {
      await onAnswer(helpful);
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="feedback" role="group" aria-label={t.feedbackQuestion}>
      <span aria-hidden="true">{t.feedbackQuestion}</span>
      <button type="button" class="chip" disabled={busy} onClick={() => answer(true)}>
        {t.yes}
      </button>
      <button type="button" class="chip" disabled={busy} onClick={() => answer(false)}>
        {t.no}
      </button>
      {error && <p class="error">{t.error}</p>}
    </div>
  );
}
