import nodemailer from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** The one thing Knowns needs from an email service. Tests use a real SMTP server on loopback. */
export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

/** nodemailer over SMTP_URL (smtp://user:pass@host:port, smtps:// for implicit TLS). */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { from });
  // Short timeouts: a hung server must not hold the outbox worker for minutes.
  Object.assign(transport.options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(email) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, ...(email.html ? { html: email.html } : {}) });
    },
    close() {
      transport.close();
    },
  };
}
