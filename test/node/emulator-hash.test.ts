import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {HashLogEntry, RunningEmulator} from '../../src/emulator/index.js';
import {headerValues, postHash, raw, sid, start, UUID_V4, VISITOR} from './emulator-helpers.js';

const NOT_SET =
  '{"serviceResult":{"message":"externalId and/or externalType are not set","type":"ERROR"}}';
const USER_NPE =
  'Cannot invoke "org.apache.openmeetings.db.dto.user.ExternalUserDTO.getExternalId()" ' +
  'because "user" is null';
const OPTIONS_NPE =
  'Cannot invoke "org.apache.openmeetings.db.dto.room.RoomOptionsDTO.getRoomId()" ' +
  'because "options" is null';

for (const version of ['9.1.0', '8.1.0', '6.2.0']) {
  const jsonErrors = version !== '6.2.0';

  describe(`emulator /user/hash outcomes on OM ${version}, in check order (protocol §5.4)`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({
        version,
        accounts: [
          {login: 'soapuser', password: 'pw', rights: ['LOGIN', 'SOAP']},
          {login: 'admin-only', password: 'pw', rights: ['LOGIN', 'ADMIN']},
        ],
      });
    });
    after(() => om.close());

    const goodSid = () => sid(om, 'soapuser', 'pw');
    const hashUrl = (sidValue: string) => `${om.url}/services/user/hash?sid=${sidValue}`;

    /** A service error: JSON with an `exception` header from 6.3, the container page before. */
    const assertServiceError = async (response: Response, message: string) => {
      assert.equal(response.status, 500);
      const text = await response.text();
      if (jsonErrors) {
        assert.equal(response.headers.get('content-type'), 'application/json');
        assert.equal(response.headers.get('exception'), message);
        assert.equal(text, JSON.stringify({serviceResult: {message, type: 'ERROR'}}));
      } else {
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        assert.equal(response.headers.get('exception'), null);
        assert.match(text, /<html/);
      }
    };

    it('answers GET with 405 and Allow: POST', async () => {
      const response = await raw(hashUrl(await goodSid()), 'GET');

      assert.equal(response.status, 405);
      assert.deepEqual(headerValues(response, 'allow'), ['POST']);
    });

    it('answers a non-form body with 415 even without a SID', async () => {
      const response = await raw(hashUrl(''), 'POST', {'content-type': 'application/json'}, '{}');

      assert.equal(response.status, 415);
    });

    it('answers unparsable JSON with 400 before it checks the SID', async () => {
      for (const user of ['{', '', 'null', '[1]']) {
        const response = await postHash(om, 'unknown', {user, options: {roomId: 1}});
        assert.equal(response.status, 400, user);
        assert.equal(await response.text(), '');
      }
    });

    it('answers a non-numeric roomId or recordingId with 400', async () => {
      for (const options of [{roomId: 'five'}, {roomId: true}, {recordingId: '1x'}, {roomId: ''}]) {
        const response = await postHash(om, await goodSid(), {user: VISITOR, options});
        assert.equal(response.status, 400, JSON.stringify(options));
      }
    });

    it('answers a missing, unknown or SOAP-less SID with error.notallowed', async () => {
      const noSoap = await sid(om, 'admin-only', 'pw');
      for (const sidValue of ['', 'cdb8d56d-b19a-45d0-81bd-06b1e49a27ea', noSoap]) {
        const response = await postHash(om, sidValue, {user: VISITOR, options: {roomId: 1}});
        await assertServiceError(response, 'error.notallowed');
      }
    });

    it('checks the SID before it notices a missing field', async () => {
      const response = await postHash(om, 'unknown', {options: {roomId: 1}});

      await assertServiceError(response, 'error.notallowed');
    });

    it('ignores a SID sent in the body', async () => {
      const body = new URLSearchParams({
        sid: await goodSid(),
        user: JSON.stringify(VISITOR),
        options: JSON.stringify({roomId: 1}),
      });
      const response = await fetch(`${om.url}/services/user/hash`, {method: 'POST', body});

      await assertServiceError(response, 'error.notallowed');
    });

    it('answers a missing user or options field with a null-pointer error', async () => {
      const noUser = await postHash(om, await goodSid(), {options: {roomId: 1}});
      await assertServiceError(noUser, USER_NPE);

      const noOptions = await postHash(om, await goodSid(), {user: {}});
      await assertServiceError(noOptions, OPTIONS_NPE);
    });

    it('answers an empty or missing externalId or externalType with 200 ERROR', async () => {
      const users = [
        {externalType: 'cms'},
        {externalId: '1'},
        {externalId: '', externalType: 'cms'},
        {external_id: '1', external_type: 'cms'},
      ];
      for (const user of users) {
        const response = await postHash(om, await goodSid(), {user, options: {roomId: 1}});
        assert.equal(response.status, 200);
        assert.equal(await response.text(), NOT_SET, JSON.stringify(user));
      }
    });

    it('returns a lowercase UUID v4 hash without checking the room', async () => {
      for (const options of [{roomId: 1}, {roomId: 999}, {roomId: 8}, {}]) {
        const response = await postHash(om, await goodSid(), {user: VISITOR, options});
        const text = await response.text();
        const hash = String(JSON.parse(text).serviceResult.message);

        assert.equal(response.status, 200);
        assert.match(hash, UUID_V4);
        assert.equal(text, `{"serviceResult":{"message":"${hash}","type":"SUCCESS"}}`);
      }
    });
  });
}

describe('emulator /user/hash value coercion (protocol §5.2, §5.3)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  const stored = async (user: unknown, options: unknown) => {
    const response = await postHash(om, await sid(om), {user, options});
    const hash = String(JSON.parse(await response.text()).serviceResult.message);
    const entry = om.emulator
      .log()
      .find((e): e is HashLogEntry => e.kind === 'hash' && e.hash === hash);
    assert.ok(entry, `no log entry for ${hash}`);

    return entry;
  };

  it('reads user values as text, and JSON null as the text "null"', async () => {
    const entry = await stored({externalId: 42, externalType: null, firstname: true}, {roomId: 1});

    assert.deepEqual(entry.user, {externalId: '42', externalType: 'null', firstname: 'true'});
  });

  it('drops unknown, snake_case and pictureUri keys', async () => {
    const user = {...VISITOR, first_name: 'X', pictureUri: 'http://x/p.png', nickname: 'a'};
    const entry = await stored(user, {roomId: 1});

    assert.deepEqual(entry.user, VISITOR);
  });

  it('reads integers from numbers and numeric strings, truncating decimals', async () => {
    const cases: Array<[unknown, number]> = [
      [7, 7],
      ['7', 7],
      [5.9, 5],
      ['5.9', 5],
      [' 3 ', 3],
    ];
    for (const [roomId, expected] of cases) {
      const entry = await stored(VISITOR, {roomId, recordingId: roomId});
      assert.equal(entry.options?.roomId, expected, String(roomId));
      assert.equal(entry.options?.recordingId, expected, String(roomId));
    }
  });

  it('reads booleans from true/false and their strings; anything else is false', async () => {
    const options = {
      roomId: 1,
      moderator: 'true',
      showAudioVideoTest: true,
      allowRecording: 'yes',
      allowSameURLMultipleTimes: 1,
    };
    const entry = await stored(VISITOR, options);

    assert.deepEqual(entry.options, {
      roomId: 1,
      externalRoomId: '',
      externalType: '',
      moderator: true,
      showAudioVideoTest: true,
      allowRecording: false,
      allowSameURLMultipleTimes: false,
    });
  });

  it('keeps external room keys from 5.1 on', async () => {
    const options = {externalRoomId: 'course-101', externalType: 'example-cms'};
    const entry = await stored(VISITOR, options);

    assert.equal(entry.options?.externalRoomId, 'course-101');
    assert.equal(entry.options?.externalType, 'example-cms');
  });
});
