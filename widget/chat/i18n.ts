/**
 * The chat's language, fixed for the life of the frame: the host page's `<html lang>` (passed by
 * the loader as `?lang=`), else the browser's languages, else English.
 */
import { chatStrings } from '../shared/i18n/chat';
import { pickLang } from '../shared/i18n/lang';

export const lang = pickLang([
  new URLSearchParams(location.search).get('lang'),
  ...(navigator.languages || [navigator.language]),
]);
export const t = chatStrings[lang];
