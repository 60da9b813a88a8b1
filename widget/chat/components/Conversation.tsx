import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { ChatState } from '../store';
import { ContactForm } from './ContactForm';
import { DraftItem, MessageItem, PendingItem, type Delivery } from './MessageItem';

interface Props {
  s: ChatState;
  contactFocus: number;
  onFeedback(messageId: string, helpful: boolean): Promise<void>;
  onPick(label: string, intentId: string): void;
  onContact(name: string, email: string): Promise<void>;
}

/**
 * The message log (role="log": polite live region, so screen readers announce new messages
 * without interrupting), the messages waiting for delivery, the replies still being written, the
 * contact form when the bot asks for it, and the "writing…" indicator.
 */
export function Conversation({ s, contactFocus, onFeedback, onPick, onContact }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { messages } = s;
  const confirmed = new Set(messages.map((m) => m.clientMessageId));
  const pending = s.outbox.filter((o) => !confirmed.has(o.clientMessageId));

  const askAt = messages.findLastIndex((m) => m.askContact);
  const showContact = askAt >= 0 && !messages.slice(askAt).some((m) => m.ticket) && pending.length === 0;

  // Replies being written, shown as they grow; the indicator stops once one has text.
  const drafts = s.streaming.filter((x) => x.text);

  // A reply is only written once the server has stored the message being sent: no "Sending…" then.
  const delivery = (id: string, failed?: boolean): Delivery => {
    if (failed) return 'failed';
    if (!s.online) return 'offline';
    if (s.sending === id) return drafts.length ? 'received' : 'sending';
    return s.waiting ? 'retrying' : 'sending';
  };
  const botWorking = s.sending !== null && s.online && drafts.length === 0;
  const typing = botWorking ? t.typing : s.agentTyping ? t.agentTyping : '';

  // Keep the newest thing in view when something is added (not when something goes away, like
  // the writing indicator); a long answer is shown from its start, not its end.
  const seen = useRef({ messages: 0, pending: 0, contact: false, typing: '', drafts: 0 });
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = seen.current;
    seen.current = { messages: messages.length, pending: pending.length, contact: showContact, typing, drafts: drafts.length };
    if (!el) return;
    const last = el.querySelector<HTMLElement>('.log > :last-child');
    if (messages.length > before.messages && last && !last.matches('.customer') && last.offsetHeight > el.clientHeight * 0.6) {
      el.scrollTop = last.offsetTop - 48;
    } else if (
      messages.length > before.messages ||
      pending.length > before.pending ||
      drafts.length > before.drafts ||
      (showContact && !before.contact) ||
      (typing && !before.typing)
    ) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages.length, pending.length, showContact, typing, drafts.length]);

  // A reply being written grows at the bottom: follow it while its start is in view, never past it.
  const written = drafts.reduce((n, x) => n + x.text.length, 0);
  useLayoutEffect(() => {
    const el = scroller.current;
    const draft = el?.querySelector<HTMLElement>('.log > .draft:last-child');
    if (!el || !draft || draft.offsetTop < el.scrollTop) return;
    el.scrollTop = Math.max(el.scrollTop, Math.min(el.scrollHeight - el.clientHeight, draft.offsetTop - 48));
  }, [written]);

  return (
    <div class="scroll" ref={scroller}>
      <div class="log" role="log" aria-live="polite" aria-label={t.log}>
        {messages.map((m, i) => (
          <MessageItem
            key={m.id}
            m={m}
            latest={i === messages.length - 1 && pending.length === 0}
            onFeedback={onFeedback}
            onPick={onPick}
          />
        ))}
        {pending.map((o) => (
          <PendingItem key={o.clientMessageId} text={o.text} delivery={delivery(o.clientMessageId, o.failed)} />
        ))}
        {drafts.map((x) => (
          <DraftItem key={`draft:${x.id}`} id={x.id} text={x.text} />
        ))}
      </div>
      {!s.conversationId && !s.unavailable && messages.length === 0 && pending.length === 0 && (
        <p class="muted center">{t.connecting}</p>
      )}
      {showContact && <ContactForm identity={s.identity} onSubmit={onContact} focusKey={contactFocus} />}
      <div class="typing" role="status">
        {typing && (
          <>
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            <span class="sr">{typing}</span>
          </>
        )}
      </div>
    </div>
  );
}
