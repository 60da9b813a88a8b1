import { useMemo } from 'preact/hooks';
import type { WireMessage } from '../../shared/api';
import { t } from '../i18n';
import { safeHref, sanitize } from '../sanitize';
import { Feedback } from './Feedback';
import { Suggestions } from './Suggestions';

interface Props {
  m: WireMessage;
  /** Only the latest message offers suggestion chips. */
  latest: boolean;
  onFeedback(messageId: string, helpful: boolean): Promise<void>;
  onPick(label: string, intentId: string): void;
}

const who = { customer: t.you, bot: t.bot, agent: t.agent, system: '' } as const;

export function MessageItem({ m, latest, onFeedback, onPick }: Props) {
  const html = useMemo(() => (m.html ? sanitize(m.html) : null), [m.html]);
  const href = m.article && safeHref(m.article.url);
  return (
    <div class={`msg ${m.role}`} data-id={m.id}>
      {who[m.role] && <span class="sr">{who[m.role]}: </span>}
      {m.article && href && (
        <p class="article">
          <a href={href} target="_blank" rel="noopener noreferrer">
            {m.article.title}
            <span class="sr"> {t.newTab}</span>
          </a>
        </p>
      )}
      {html !== null ? <div class="body" dangerouslySetInnerHTML={{ __html: html }} /> : <p class="body">{m.text}</p>}
      {m.ticket && (
        <p class="ticket">
          {t.ticket}: <strong>#{m.ticket.number}</strong>
        </p>
      )}
      {m.askFeedback && <Feedback value={m.feedback} onAnswer={(helpful) => onFeedback(m.id, helpful)} />}
      {latest && m.suggestions.length > 0 && <Suggestions items={m.suggestions} onPick={onPick} />}
    </div>
  );
}

/** `received`: the server has it (its reply is being written); confirmed when the request returns. */
export type Delivery = 'sending' | 'received' | 'offline' | 'retrying' | 'failed';

/** A customer message the server has not confirmed yet. */
export function PendingItem({ text, delivery }: { text: string; delivery: Delivery }) {
  const label = { sending: t.sending, received: '', offline: t.queued, retrying: t.retrying, failed: t.failed }[delivery];
  return (
    <div class={`msg customer pending ${delivery}`}>
      <span class="sr">{t.you}: </span>
      <p class="body">{text}</p>
      {label && <p class="status">{label}</p>}
    </div>
  );
}

/**
 * A bot reply still being written (streamed), replaced by its stored message when that arrives.
 * aria-busy keeps screen readers from announcing every piece: the stored message is announced once.
 */
export function DraftItem({ id, text }: { id: string; text: string }) {
  return (
    <div class="msg bot draft" data-id={id} aria-busy="true">
      <span class="sr">{t.bot}: </span>
      <p class="body">{text}</p>
    </div>
  );
}
