/**
 * OpenMeetings language ids by their OM code, as of OM 7.0 to 9.x (protocol §11).
 * Ids never change meaning; OM only understands the number.
 */
export const OM_LANGUAGES: readonly string[] = [
  '',
  'en',
  'de',
  'de-StudIP',
  'fr',
  'it',
  'pt',
  'pt-br',
  'es',
  'ru',
  'sv',
  'zh-CN',
  'zh-TW',
  'ko',
  'ar',
  'ja',
  'id',
  'hu',
  'tr',
  'uk',
  'th',
  'fa',
  'cs',
  'gl',
  'fi',
  'pl',
  'el',
  'nl',
  'he',
  'ca',
  'bg',
  'da',
  'sk',
  'bn',
  'hi',
  'ta',
  'lo',
  'ku',
  'tk',
  'ur',
];

const byPrimary = new Map<string, number>();
OM_LANGUAGES.forEach((code, id) => {
  // 3 is German for StudIP: /hash shows German but the error service answers in English (§11).
  if (code && !code.includes('-')) byPrimary.set(code.toLowerCase(), id);
});

// Deprecated ISO 639 codes that browsers and old OM versions still use.
const aliases: Record<string, string> = {iw: 'he', in: 'id'};

const traditionalChinese = new Set(['tw', 'hk', 'mo', 'hant']);

/**
 * The OpenMeetings id for a BCP 47 tag, or undefined when OM has no such language.
 * `zh-Hant`/`zh-TW`/`zh-HK`/`zh-MO` → 12, other Chinese → 11, `pt-BR` → 7, other `pt` → 6.
 */
export function languageIdForTag(tag: string | null | undefined): number | undefined {
  if (!tag) return undefined;

  const subtags = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  const primary = aliases[subtags[0]] ?? subtags[0];
  const rest = subtags.slice(1);
  if (primary === 'zh') return rest.some((s) => traditionalChinese.has(s)) ? 12 : 11;
  if (primary === 'pt') return rest.includes('br') ? 7 : 6;

  return byPrimary.get(primary);
}

/** Reads an explicit `language` value: a positive whole number, passed through above 39 (§11). */
export function parseLanguageId(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const id = Number(text);

  return id > 0 ? id : undefined;
}

/** The first tag in `tags` that OpenMeetings knows, as an id. */
export function languageIdForTags(tags: Iterable<string | null | undefined>): number | undefined {
  for (const tag of tags) {
    const id = languageIdForTag(tag);
    if (id !== undefined) return id;
  }

  return undefined;
}
