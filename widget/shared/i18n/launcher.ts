/**
 * Strings the loader draws on the host page. Kept apart from the chat catalogue so the loader
 * (budget: 3 KB gzip) carries only these few.
 */
import type { Lang } from './lang';

const en = {
  open: 'Open chat',
  close: 'Close chat',
  frameTitle: 'Chat',
  unread: 'unread messages:',
};

export type LauncherStrings = typeof en;

export const launcherStrings: Record<Lang, LauncherStrings> = {
  en,
  fr: {
    open: 'Ouvrir le chat',
    close: 'Fermer le chat',
    frameTitle: 'Chat',
    unread: 'messages non lus :',
  },
};
