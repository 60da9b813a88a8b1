/** Languages the widget ships. English is the fallback. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Pick the first supported language among candidates such as `fr-CA`, `en`, `''`.
 * The loader passes the host page's `<html lang>` first, then the browser's languages.
 */
export function pickLang(candidates: readonly (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    const base = (c || '').toLowerCase().split(/[-_]/)[0];
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}
