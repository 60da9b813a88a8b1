import { useEffect, useReducer, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Chat } from '../store';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { Header } from './Header';

interface Props {
  chat: Chat;
  /** Closes the panel (tells the loader); null when the chat is not embedded. */
  onClose: (() => void) | null;
}

export function App({ chat, onClose }: Props) {
  const [, rerender] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => {
    const off = chat.subscribe(() => rerender());
    return () => void off();
  }, [chat]);
  const s = chat.state;

  // Focus moves where the visitor's next step is, whenever the element they used goes away.
  const [composerFocus, setComposerFocus] = useState(0);
  const [contactFocus, setContactFocus] = useState(0);
  const focusComposer = () => setComposerFocus((n) => n + 1);
  useEffect(() => {
    if (s.openSeq) focusComposer();
  }, [s.openSeq]);

  const onFeedback = async (messageId: string, helpful: boolean) => {
    const replies = await chat.feedback(messageId, helpful);
    if (replies.some((r) => r.askContact)) setContactFocus((n) => n + 1);
    else focusComposer();
  };

  return (
    <div class="app">
      <Header title={s.site?.name || t.title} onClose={onClose} />
      {!s.online && (
        <p class="banner" role="status">
          {t.offline}
        </p>
      )}
      <Conversation
        s={s}
        contactFocus={contactFocus}
        onFeedback={onFeedback}
        onPick={(label, intentId) => {
          chat.send(label, intentId);
          focusComposer();
        }}
        onContact={async (name, email) => {
          await chat.contact(name, email);
          focusComposer();
        }}
      />
      {s.unavailable ? (
        <p class="banner error" role="alert">
          {t.unavailable}
        </p>
      ) : (
        <Composer onSend={(text) => chat.send(text)} disabled={false} focusKey={composerFocus} />
      )}
    </div>
  );
}
