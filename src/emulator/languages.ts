import {compare, parseVersion} from './versions.js';

export interface Language {
  id: number;
  code: string;
  name: string;
}

// Ids never change meaning; only the list length and the codes of 16 and 28 do (protocol §11).
const CURRENT: ReadonlyArray<readonly [string, string]> = [
  ['en', 'English'],
  ['de', 'German'],
  ['de-StudIP', 'German (StudIP)'],
  ['fr', 'French'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['pt-br', 'Portuguese (Brazil)'],
  ['es', 'Spanish'],
  ['ru', 'Russian'],
  ['sv', 'Swedish'],
  ['zh-CN', 'Chinese (Simplified)'],
  ['zh-TW', 'Chinese (Traditional)'],
  ['ko', 'Korean'],
  ['ar', 'Arabic'],
  ['ja', 'Japanese'],
  ['id', 'Indonesian'],
  ['hu', 'Hungarian'],
  ['tr', 'Turkish'],
  ['uk', 'Ukrainian'],
  ['th', 'Thai'],
  ['fa', 'Persian'],
  ['cs', 'Czech'],
  ['gl', 'Galician'],
  ['fi', 'Finnish'],
  ['pl', 'Polish'],
  ['el', 'Greek'],
  ['nl', 'Dutch'],
  ['he', 'Hebrew'],
  ['ca', 'Catalan'],
  ['bg', 'Bulgarian'],
  ['da', 'Danish'],
  ['sk', 'Slovak'],
  ['bn', 'Bengali'],
  ['hi', 'Hindi'],
  ['ta', 'Tamil'],
  ['lo', 'Lao'],
  ['ku', 'Kurdish'],
  ['tk', 'Turkmen'],
  ['ur', 'Urdu'],
];

export const ENGLISH = 1;

/** The languages an installation of `version` ships with (protocol §11, second table). */
export function languagesOf(version: string): Language[] {
  const v = parseVersion(version);
  const since = (major: number, minor: number, patch = 0) => compare(v, [major, minor, patch]) >= 0;
  let count = 32;
  if (since(4, 0, 11)) count = 33;
  if (since(5, 0)) count = 36;
  if (since(5, 1)) count = 38;
  if (since(6, 0)) count = 39;
  // OM used Java's legacy codes for Indonesian and Hebrew between these releases.
  const legacyIndonesian = since(4, 0, 11) && !since(7, 0);
  const legacyHebrew = since(5, 0) && !since(7, 0);

  return CURRENT.slice(0, count).map(([code, name], index) => {
    const id = index + 1;
    if (id === 16 && legacyIndonesian) return {id, code: 'in', name};
    if (id === 28 && legacyHebrew) return {id, code: 'iw', name};

    return {id, code, name};
  });
}

/** The language a known id stands for, or English for an unknown one or 0 (protocol §11). */
export function languageOrEnglish(languages: Language[], id: number): Language {
  return languages.find((language) => language.id === id) ?? languages[ENGLISH - 1];
}

/**
 * Reads `/hash?language=`: only a non-negative whole number counts (protocol §9.1).
 * Returns undefined when OM would ignore the value.
 */
export function parseLanguageParam(value: string | null): number | undefined {
  if (value === null || !/^\+?\d{1,18}$/.test(value)) return undefined;

  return Number(value);
}
