import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseJoinJson} from '../../src/server/request-body.js';

const nameOf = (firstname: string) =>
  parseJoinJson(JSON.stringify({roomId: 1, firstname})).firstname;

// Everyone in the room sees the name: it must not hide, fake a line break or smear the UI.
describe('visitor names as the room will show them', () => {
  const kept: Array<[string, string]> = [
    ['Arabic', 'أحمد'],
    ['Hebrew', 'דוד'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم'],
    ['an emoji sequence with joiners', 'Ada 👩‍💻'],
    ['accented Latin', 'Zoë Ñúñez'],
    ['Chinese', '王小明'],
  ];
  for (const [what, name] of kept) {
    it(`keeps ${what} as written`, () => assert.equal(nameOf(name), name));
  }

  const cleaned: Array<[string, string, string]> = [
    ['a right-to-left override', 'Ada\u202eevil', 'Adaevil'],
    ['direction marks', '\u200fAda\u061c', 'Ada'],
    ['a line separator that fakes a second line', 'Ada\u2028Moderator: Bob', 'AdaModerator: Bob'],
    ['a paragraph separator', 'Ada\u2029Bob', 'AdaBob'],
    ['a zero-width space', 'A\u200bda', 'Ada'],
    ['invisible tag characters', 'Ada\u{E0041}\u{E0042}', 'Ada'],
    [
      'a pile of combining marks',
      'Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307ed',
      'Z\u0301\u0302\u0303\u0304ed',
    ],
  ];
  for (const [what, name, expected] of cleaned) {
    it(`drops ${what}`, () => assert.equal(nameOf(name), expected));
  }

  for (const [what, blank] of [
    ['zero-width spaces', '\u200b\u200b'],
    ['a Hangul filler', '\u3164'],
    ['a braille blank', '\u2800\u2800'],
    ['spaces', '   '],
  ]) {
    it(`treats a name of only ${what} as no name`, () => assert.equal(nameOf(blank), undefined));
  }
});
