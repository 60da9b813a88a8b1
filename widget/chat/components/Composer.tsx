import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { MAX_TEXT } from '../store';

interface Props {
  onSend(text: string): void;
  disabled: boolean;
  /** Changes whenever the composer should take focus (panel opened, a chip or form went away). */
  focusKey: number;
}

/** The message box: Enter sends, Shift+Enter is a new line (and Enter while composing with an IME is left alone). */
export function Composer({ onSend, disabled, focusKey }: Props) {
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusKey) field.current?.focus();
  }, [focusKey]);

  const submit = (e?: Event) => {
    e?.preventDefault();
    if (disabled || !text.trim()) return;
    onSend(text);
    setText('');
  };

  return (
    <form class="composer" onSubmit={submit}>
      <label for="k-message" class="sr">
        {t.message}
      </label>
      <textarea
        id="k-message"
        ref={field}
        rows={1}
        value={text}
        maxLength={MAX_TEXT}
        placeholder={t.placeholder}
        aria-describedby="k-hint"
        disabled={disabled}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) submit(e);
        }}
      />
      <span id="k-hint" class="sr">
        {t.hint}
      </span>
      <button type="submit" class="send" aria-label={t.send} disabled={disabled}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 12l16-8-6 16-2-7-8-1z" />
        </svg>
      </button>
    </form>
  );
}
