/**
 * What the bot says, per language. The widget's own UI strings live in the widget's catalogue;
 * these are stored as messages, so they are chosen once, from the conversation's locale.
 */
const en = {
  articleIntro: (title: string) => `Here's what I found: ${title}`,
  clarify: 'I want to be sure I understand. Did you mean one of these?',
  notSure: "I'm not sure I can answer that one myself. Leave your email and a person from our team will get back to you.",
  noMatch: "I don't have an answer for that yet. Leave your email and a person from our team will get back to you.",
  handoffPerson: 'Of course. Leave your name and email and a person from our team will pick this up.',
  handoffUnhappy: "I'm sorry this has been frustrating. Leave your email and a person from our team will get back to you as a priority.",
  noAnswerReady: (intent: string) => `I think you're asking about "${intent}". Leave your email and a person from our team will answer.`,
  helpfulThanks: 'Glad that helped! Anything else?',
  unhelpfulRetry: 'Sorry about that. Could you tell me a bit more, or rephrase your question?',
  unhelpfulHandoff: "Sorry I couldn't help. Leave your email and a person from our team will get back to you.",
  ticketOpened: (n: number) => `Thanks! Your ticket number is #${n}. We'll reply here and by email.`,
  addedToTicket: (n: number) => `Thanks, I've added this to ticket #${n}. The team will reply here and by email.`,
  greeting: "Hi! How can we help?",
  llmUnsupported: "I couldn't find a clear answer to that in our help articles. Leave your email and a person from our team will get back to you.",
  sources: 'Sources',
  offHours: "Our team is away right now. I can still help, and if I can't, leave your email: a person will reply by email when we're back.",
};

type Copy = typeof en;

const fr: Copy = {
  articleIntro: (title) => `Voici ce que j'ai trouvé : ${title}`,
  clarify: 'Je veux être sûr de bien comprendre. Vouliez-vous dire l’un de ceux-ci ?',
  notSure: 'Je ne suis pas sûr de pouvoir répondre moi-même. Laissez votre e-mail et une personne de notre équipe vous répondra.',
  noMatch: "Je n'ai pas encore de réponse à cette question. Laissez votre e-mail et une personne de notre équipe vous répondra.",
  handoffPerson: 'Bien sûr. Laissez votre nom et votre e-mail et une personne de notre équipe prendra le relais.',
  handoffUnhappy: 'Désolé pour ce désagrément. Laissez votre e-mail et une personne de notre équipe vous répondra en priorité.',
  noAnswerReady: (intent) => `Je pense que votre question concerne « ${intent} ». Laissez votre e-mail et une personne de notre équipe vous répondra.`,
  helpfulThanks: 'Ravi d’avoir pu aider ! Autre chose ?',
  unhelpfulRetry: 'Désolé. Pouvez-vous m’en dire un peu plus, ou reformuler votre question ?',
  unhelpfulHandoff: "Désolé de n'avoir pas pu aider. Laissez votre e-mail et une personne de notre équipe vous répondra.",
  ticketOpened: (n) => `Merci ! Votre numéro de ticket est le #${n}. Nous vous répondrons ici et par e-mail.`,
  addedToTicket: (n) => `Merci, j'ai ajouté ceci au ticket #${n}. L'équipe vous répondra ici et par e-mail.`,
  greeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
  llmUnsupported: "Je n'ai pas trouvé de réponse claire dans nos articles d'aide. Laissez votre e-mail et une personne de notre équipe vous répondra.",
  sources: 'Sources',
  offHours: "Notre équipe est absente pour le moment. Je peux quand même vous aider ; sinon, laissez votre e-mail : une personne vous répondra par e-mail à notre retour.",
};

const catalogue: Record<string, Copy> = { en, fr };

export const SUPPORTED_LOCALES = Object.keys(catalogue);

/** The best supported language for a BCP 47 tag ("fr-CA" → "fr"), English otherwise. */
export function pickLocale(tag: string | null | undefined, allowed: string[] = SUPPORTED_LOCALES): string {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return catalogue[base] && allowed.includes(base) ? base : 'en';
}

export function copyFor(locale: string): Copy {
  return catalogue[locale] ?? en;
}
