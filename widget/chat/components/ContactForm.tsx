import { useEffect, useRef, useState } from 'preact/hooks';
import type { Identity } from '../../shared/bridge';
import { t } from '../i18n';

interface Props {
  identity: Identity | null;
  onSubmit(name: string, email: string): Promise<void>;
  /** Changes when the form should take focus (it just appeared after the visitor's action). */
  focusKey: number;
}

// Deliberately loose (the server validates too): something@something.tld, no spaces.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Inline "leave your details" form; sends consent: true, which the consent line explains. */
export function ContactForm({ identity, onSubmit, focusKey }: Props) {
  const [name, setName] = useState(identity?.name || '');
  const [email, setEmail] = useState(identity?.email || '');
  const [invalid, setInvalid] = useState<'email' | 'name' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusKey) nameRef.current?.focus();
  }, [focusKey]);

  // The host page may identify the visitor after the form appeared.
  useEffect(() => {
    if (identity?.name && !name) setName(identity.name);
    if (identity?.email && !email) setEmail(identity.email);
  }, [identity]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    const m = email.trim();
    if (n.length > 200) {
      setInvalid('name');
      nameRef.current?.focus();
      return;
    }
    if (!EMAIL_RE.test(m) || m.length > 320) {
      setInvalid('email');
      emailRef.current?.focus();
      return;
    }
    setInvalid(null);
    setBusy(true);
    setFailed(false);
    try {
      await onSubmit(n, m);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <form class="contact" onSubmit={submit} noValidate aria-labelledby="k-contact-intro">
      <p id="k-contact-intro">{t.contactIntro}</p>
      <div class="row">
        <label for="k-name">{t.name}</label>
        <span id="k-name-hint" class="muted">
          {t.optional}
        </span>
      </div>
      <input
        id="k-name"
        ref={nameRef}
        type="text"
        autocomplete="name"
        value={name}
        maxLength={200}
        aria-invalid={invalid === 'name'}
        aria-describedby={invalid === 'name' ? 'k-name-error k-name-hint' : 'k-name-hint'}
        onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
      />
      {invalid === 'name' && (
        <p id="k-name-error" class="error">
          {t.nameTooLong}
        </p>
      )}
      <label for="k-email">{t.email}</label>
      <input
        id="k-email"
        ref={emailRef}
        type="email"
        autocomplete="email"
        required
        value={email}
        aria-invalid={invalid === 'email'}
        aria-describedby={invalid === 'email' ? 'k-email-error k-consent' : 'k-consent'}
        onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
      />
      {invalid === 'email' && (
        <p id="k-email-error" class="error">
          {t.emailInvalid}
        </p>
      )}
      <p id="k-consent" class="consent">
        {t.consent}
      </p>
      {failed && (
        <p class="error" role="alert">
          {t.error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t.submitting : t.submit}
      </button>
    </form>
  );
}
