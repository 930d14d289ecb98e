import {OM_LANGUAGES, languageIdForTag} from '../client/languages.js';
import {isRtl, localeFor, type Locale} from './i18n.js';

export interface ResolvedLanguage {
  /** OpenMeetings language id for the room URL; undefined leaves it out. */
  id?: number;
  /** Locale of the element's own strings. */
  locale: Locale;
  rtl: boolean;
}

/**
 * The `lang` that applies to `element`: its own, an ancestor's, across the shadow roots it sits
 * in, up to `<html>`. An empty `lang` means "unknown" and stops the search (HTML §3.2.6.2).
 */
export function nearestLang(element: Element): string | undefined {
  let current: Element | null = element;
  while (current) {
    const owner = current.closest('[lang]');
    if (owner) return owner.getAttribute('lang')?.trim() || undefined;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }

  return undefined;
}

/**
 * One resolution for the room URL and the element's strings: the `language` id, else the nearest
 * `lang`, else the browser's languages; the first one that OpenMeetings knows decides.
 */
export function resolveLanguage(element: Element, explicit?: number): ResolvedLanguage {
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  const tags = [nearestLang(element), ...browser];
  // An id above 39 is an administrator's own language: no tag, so strings follow the page.
  if (explicit !== undefined && OM_LANGUAGES[explicit]) tags.unshift(OM_LANGUAGES[explicit]);
  const tag = tags.find((candidate) => languageIdForTag(candidate) !== undefined);
  const locale = localeFor(tag);

  return {id: explicit ?? languageIdForTag(tag), locale, rtl: isRtl(locale)};
}
