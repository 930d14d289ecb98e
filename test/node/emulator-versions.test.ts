import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createEmulator, type RunningEmulator} from '../../src/emulator/index.js';
import {languagesOf} from '../../src/emulator/languages.js';
import {makeHash, openHash, postHash, sid, start, VISITOR} from './emulator-helpers.js';

async function withEmulator(version: string, test: (om: RunningEmulator) => Promise<void>) {
  const om = await start({version});
  try {
    await test(om);
  } finally {
    await om.close();
  }
}

describe('emulator language lists (protocol §11)', () => {
  const rows: Array<[string, number, string, string]> = [
    ['4.0.0', 32, 'id', 'he'],
    ['4.0.2', 32, 'id', 'he'],
    ['4.0.11', 33, 'in', 'he'],
    ['5.0.0', 36, 'in', 'iw'],
    ['5.1.0', 38, 'in', 'iw'],
    ['6.0.0', 39, 'in', 'iw'],
    ['6.3.0', 39, 'in', 'iw'],
    ['7.0.0', 39, 'id', 'he'],
    ['9.1.0', 39, 'id', 'he'],
  ];
  for (const [version, count, indonesian, hebrew] of rows) {
    it(`ships ids 1 to ${count} on ${version}, with ${indonesian} and ${hebrew}`, () => {
      const languages = languagesOf(version);

      assert.deepEqual(
        languages.map((language) => language.id),
        Array.from({length: count}, (_, index) => index + 1),
      );
      assert.equal(languages[15].code, indonesian);
      assert.equal(languages[27].code, hebrew);
      assert.equal(languages[2].code, 'de-StudIP');
    });
  }

  const pages: Array<[string, string, string, string]> = [
    ['9.1.0', '16', '16', 'id'],
    ['9.1.0', '39', '39', 'ur'],
    ['9.1.0', '40', '1', 'en'],
    ['6.2.0', '16', '16', 'in'],
    ['6.2.0', '28', '28', 'iw'],
    ['5.1.0', '39', '1', 'en'],
    ['5.0.0', '36', '36', 'lo'],
    ['5.0.0', '37', '1', 'en'],
  ];
  for (const [version, requested, id, code] of pages) {
    it(`shows language ${id} (${code}) for language=${requested} on ${version}`, async () => {
      await withEmulator(version, async (om) => {
        const page = await openHash(om, await makeHash(om), {language: requested});

        assert.equal(page.data.language, id);
        assert.equal(page.data['language-code'], code);
      });
    });
  }
});

describe('emulator version setting', () => {
  it('accepts 4.0.0 to 9.1.0 and fills in a missing patch number', () => {
    assert.equal(createEmulator({version: '8.1'}).options.version, '8.1.0');
    assert.equal(createEmulator({version: '4.0.0'}).options.version, '4.0.0');
    assert.equal(createEmulator().options.version, '9.1.0');
  });

  it('refuses versions it does not emulate', () => {
    for (const version of ['3.3.0', '9.2.0', '10.0.0', 'latest', '']) {
      assert.throws(() => createEmulator({version}), /OpenMeetings version/, version);
    }
  });
});

describe('emulator before 5.0 (protocol §5.2, §6, §9.1)', () => {
  it('makes a hash without externalId or externalType on 4.x', async () => {
    await withEmulator('4.0.11', async (om) => {
      const response = await postHash(om, await sid(om), {user: {firstname: 'Ada'}, options: {}});
      const body = (await response.json()) as {serviceResult: {type: string}};

      assert.equal(body.serviceResult.type, 'SUCCESS');
    });
  });

  it('refuses such a hash at /hash, having no external user to sign in', async () => {
    await withEmulator('4.0.11', async (om) => {
      const hash = await makeHash(om, {roomId: 1}, {firstname: 'Ada'});

      assert.equal((await openHash(om, hash)).view, 'invalid-hash');
    });
  });

  it('ignores language on /hash', async () => {
    await withEmulator('4.0.11', async (om) => {
      const page = await openHash(om, await makeHash(om), {language: '2'});

      assert.equal(page.data.language, '1');
    });
  });

  it('does not re-bind the SID at redemption before 4.0.11', async () => {
    await withEmulator('4.0.0', async (om) => {
      const shared = await sid(om);
      await openHash(om, await makeHash(om, {roomId: 1}, VISITOR, shared));
      const response = await postHash(om, shared, {user: VISITOR, options: {roomId: 1}});

      assert.equal(response.status, 200);
    });
  });

  it('re-binds it from 4.0.11 on', async () => {
    await withEmulator('4.0.11', async (om) => {
      const shared = await sid(om);
      await openHash(om, await makeHash(om, {roomId: 1}, VISITOR, shared));
      const response = await postHash(om, shared, {user: VISITOR, options: {roomId: 1}});

      assert.equal(response.status, 500);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    });
  });
});

describe('emulator 5.0 and 5.1 (protocol §5.3, §10.2)', () => {
  it('requires externalId and externalType from 5.0', async () => {
    await withEmulator('5.0.0', async (om) => {
      const response = await postHash(om, await sid(om), {user: {firstname: 'Ada'}, options: {}});

      assert.match(await response.text(), /externalId and\/or externalType are not set/);
    });
  });

  it('ignores externalRoomId and externalType options before 5.1', async () => {
    await withEmulator('5.0.0', async (om) => {
      const options = {roomId: 2, externalRoomId: 'course-101', externalType: 'example-cms'};
      const page = await openHash(om, await makeHash(om, options));

      assert.equal(page.data['room-id'], '2');
    });
  });

  it('sets SameSite=Lax on the session cookie from 5.1 only', async () => {
    for (const [version, sameSite] of [
      ['5.0.0', false],
      ['5.1.0', true],
    ] as const) {
      await withEmulator(version, async (om) => {
        const response = await fetch(`${om.url}/hash?secure=x`);
        const cookie = response.headers.get('set-cookie') ?? '';

        assert.equal(/SameSite=Lax/.test(cookie), sameSite, version);
      });
    }
  });
});
