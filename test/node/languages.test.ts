import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  OM_LANGUAGES,
  languageIdForTag,
  languageIdForTags,
  parseLanguageId,
} from '../../src/client/languages.js';

// Protocol §11, as of OM 7.0 to 9.x: the id a visitor's tag must reach.
const table: Array<[number, string, string]> = [
  [1, 'en', 'English'],
  [2, 'de', 'German'],
  [4, 'fr', 'French'],
  [5, 'it', 'Italian'],
  [6, 'pt', 'Portuguese'],
  [7, 'pt-BR', 'Portuguese (Brazil)'],
  [8, 'es', 'Spanish'],
  [9, 'ru', 'Russian'],
  [10, 'sv', 'Swedish'],
  [11, 'zh-CN', 'Chinese (Simplified)'],
  [12, 'zh-TW', 'Chinese (Traditional)'],
  [13, 'ko', 'Korean'],
  [14, 'ar', 'Arabic'],
  [15, 'ja', 'Japanese'],
  [16, 'id', 'Indonesian'],
  [17, 'hu', 'Hungarian'],
  [18, 'tr', 'Turkish'],
  [19, 'uk', 'Ukrainian'],
  [20, 'th', 'Thai'],
  [21, 'fa', 'Persian'],
  [22, 'cs', 'Czech'],
  [23, 'gl', 'Galician'],
  [24, 'fi', 'Finnish'],
  [25, 'pl', 'Polish'],
  [26, 'el', 'Greek'],
  [27, 'nl', 'Dutch'],
  [28, 'he', 'Hebrew'],
  [29, 'ca', 'Catalan'],
  [30, 'bg', 'Bulgarian'],
  [31, 'da', 'Danish'],
  [32, 'sk', 'Slovak'],
  [33, 'bn', 'Bengali'],
  [34, 'hi', 'Hindi'],
  [35, 'ta', 'Tamil'],
  [36, 'lo', 'Lao'],
  [37, 'ku', 'Kurdish'],
  [38, 'tk', 'Turkmen'],
  [39, 'ur', 'Urdu'],
];

describe('language ids', () => {
  for (const [id, tag, name] of table) {
    it(`maps ${tag} (${name}) to ${id}`, () => {
      assert.equal(languageIdForTag(tag), id);
    });
  }

  it('knows every id from 1 to 39 and no more', () => {
    assert.equal(OM_LANGUAGES.length, 40);
    const reached = new Set(table.map(([id]) => id));
    for (let id = 1; id <= 39; id++) assert.ok(id === 3 || reached.has(id), `id ${id} unreached`);
  });

  const tricky: Array<[string, number | undefined]> = [
    ['zh', 11],
    ['zh-Hans', 11],
    ['zh-Hans-CN', 11],
    ['zh-SG', 11],
    ['zh-cn', 11],
    ['zh-Hant', 12],
    ['zh-Hant-TW', 12],
    ['zh-HK', 12],
    ['zh-MO', 12],
    ['zh_TW', 12],
    ['pt-br', 7],
    ['pt-PT', 6],
    ['pt-AO', 6],
    ['iw', 28],
    ['iw-IL', 28],
    ['in', 16],
    ['de-DE', 2],
    ['de-AT', 2],
    ['de-CH', 2],
    ['de-StudIP', 2],
    ['en-GB', 1],
    ['en-US', 1],
    ['fr-CA', 4],
    ['es-419', 8],
    ['sr-Latn-RS', undefined],
    ['nb', undefined],
    ['x-klingon', undefined],
    ['', undefined],
    ['  DE  ', 2],
  ];
  for (const [tag, id] of tricky) {
    it(`maps "${tag}" to ${id ?? 'nothing'}`, () => {
      assert.equal(languageIdForTag(tag), id);
    });
  }

  it('never picks 3 (German for StudIP) from a tag', () => {
    for (const tag of ['de', 'de-studip', 'de-StudIP', 'DE-STUDIP'])
      assert.notEqual(languageIdForTag(tag), 3);
  });

  it('takes the first tag OpenMeetings knows from a list', () => {
    assert.equal(languageIdForTags(['sr', 'nb', 'fr-CH', 'de']), 4);
    assert.equal(languageIdForTags(['sr', null, undefined]), undefined);
  });
});

describe('explicit language values', () => {
  const cases: Array<[unknown, number | undefined]> = [
    ['2', 2],
    [2, 2],
    ['3', 3],
    ['40', 40],
    ['57', 57],
    [' 9 ', 9],
    ['0', undefined],
    ['-1', undefined],
    ['de', undefined],
    ['2.5', undefined],
    ['', undefined],
    [null, undefined],
    ['1e3', undefined],
    ['9999999999', undefined],
  ];
  for (const [value, id] of cases) {
    it(`reads ${JSON.stringify(value)} as ${id ?? 'no id'}`, () => {
      assert.equal(parseLanguageId(value as string), id);
    });
  }
});
