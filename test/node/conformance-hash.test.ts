import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {HashLogEntry, RunningEmulator} from '../../src/emulator/index.js';
import {makeHash, openHash, postHash, sid, start, VISITOR} from './emulator-helpers.js';

// Protocol §5.2, §5.3 and the hash-page rows of §9, run against each version the conformance
// suite covers. test/CONFORMANCE.md maps every table row to the tests that run it.
const VERSIONS = ['9.1.0', '8.1.0', '6.2.0'];

for (const version of VERSIONS) {
  describe(`conformance §5.2 and §5.3 user and options on OM ${version}`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({version});
    });
    after(() => om.close());

    /** The log entry of a successful hash call: the values as OM stored them. */
    const stored = async (user: unknown, options: unknown): Promise<HashLogEntry> => {
      const response = await postHash(om, await sid(om), {user, options});
      const body = (await response.json()) as {serviceResult: {message: string; type: string}};
      assert.equal(body.serviceResult.type, 'SUCCESS', JSON.stringify({user, options}));
      const hash = body.serviceResult.message;
      const found = om.emulator
        .log()
        .filter((candidate): candidate is HashLogEntry => candidate.kind === 'hash')
        .find((candidate) => candidate.hash === hash);
      assert.ok(found, `no log entry for ${hash}`);

      return found;
    };

    it('keeps all seven user keys, each read as text', async () => {
      const user = {
        externalId: 42,
        externalType: 'cms',
        login: 'ada',
        firstname: 'Ada',
        lastname: 'Lovelace',
        email: 'ada@example.org',
        profilePictureUrl: 'https://example.org/ada.png',
      };

      assert.deepEqual((await stored(user, {roomId: 1})).user, {...user, externalId: '42'});
    });

    it('reads a JSON null as the text "null", which passes the required check', async () => {
      const entry = await stored({externalId: null, externalType: 'cms'}, {roomId: 1});

      assert.equal(entry.user?.externalId, 'null');
    });

    it('drops unknown keys, snake_case keys and pictureUri without an error', async () => {
      const user = {...VISITOR, external_id: 'x', pictureUri: 'https://x/p.png', role: 'admin'};

      assert.deepEqual((await stored(user, {roomId: 1})).user, VISITOR);
    });

    it('keeps every options key, with the defaults of the table', async () => {
      const entry = await stored(VISITOR, {roomId: 3});

      assert.deepEqual(entry.options, {
        roomId: 3,
        externalRoomId: '',
        externalType: '',
        moderator: false,
        showAudioVideoTest: false,
        allowRecording: false,
        allowSameURLMultipleTimes: false,
      });
    });

    it('reads booleans from "true" and "false" strings too', async () => {
      const options = {
        roomId: 1,
        moderator: 'true',
        showAudioVideoTest: 'TRUE',
        allowRecording: true,
        allowSameURLMultipleTimes: 'false',
      };
      const entry = await stored(VISITOR, options);

      assert.equal(entry.options?.moderator, true);
      assert.equal(entry.options?.showAudioVideoTest, true);
      assert.equal(entry.options?.allowRecording, true);
      assert.equal(entry.options?.allowSameURLMultipleTimes, false);
    });

    it('reads integers from numbers and numeric strings, truncating decimals', async () => {
      const entry = await stored(VISITOR, {roomId: '4', recordingId: 1.9});

      assert.equal(entry.options?.roomId, 4);
      assert.equal(entry.options?.recordingId, 1);
    });

    it('keeps externalRoomId and externalType (5.1+)', async () => {
      const options = {externalRoomId: 'course-101', externalType: 'example-cms'};
      const entry = await stored(VISITOR, options);

      assert.equal(entry.options?.externalRoomId, 'course-101');
      assert.equal(entry.options?.externalType, 'example-cms');
      assert.equal((await openHash(om, entry.hash!)).data['room-id'], '6');
    });

    it('makes a hash for a missing, unknown or deleted room and fails only at /hash', async () => {
      for (const options of [{}, {roomId: 999}, {roomId: 8}]) {
        const entry = await stored(VISITOR, options);
        assert.equal((await openHash(om, entry.hash!)).view, 'invalid-hash');
      }
    });
  });

  describe(`conformance §9 /hash page on OM ${version}`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({version});
    });
    after(() => om.close());

    it('shows the room for an unused hash, as the visitor, with HTTP 200', async () => {
      const page = await openHash(om, await makeHash(om, {roomId: 5, moderator: true}));

      assert.equal(page.view, 'room');
      assert.equal(page.data['room-id'], '5');
      assert.equal(page.data.user, 'Ada Lovelace');
      assert.equal(page.data.moderator, 'true');
    });

    it('shows the same room again when the same browser session reloads it', async () => {
      const hash = await makeHash(om, {roomId: 4});
      const first = await openHash(om, hash);

      assert.equal((await openHash(om, hash, {cookie: first.cookie})).data['room-id'], '4');
    });

    it('shows a closed notice that redirects for a closed room', async () => {
      const page = await openHash(om, await makeHash(om, {roomId: 7}));

      assert.equal(page.view, 'room-closed');
      assert.match(page.html, /<meta http-equiv="refresh" content="5;url=\/openmeetings\/">/);
    });

    it('shows the recording player for a hash with recordingId', async () => {
      const page = await openHash(om, await makeHash(om, {recordingId: 1}));

      assert.equal(page.view, 'recording');
      assert.equal(page.data['recording-id'], '1');
    });

    it('answers 200 "Invalid hash" to unknown or used hashes and missing rooms', async () => {
      const used = await makeHash(om);
      await openHash(om, used);
      const cases = [
        'not-a-hash',
        used,
        await makeHash(om, {roomId: 999}),
        await makeHash(om, {roomId: 8}),
      ];
      for (const hash of cases) {
        const page = await openHash(om, hash);
        assert.equal(page.view, 'invalid-hash', hash);
        assert.match(page.html, /Invalid hash/);
        assert.match(page.html, /Access denied\. You have no rights to enter this room\./);
      }
    });

    it('applies a numeric language id and ignores de, de-DE and negative ids', async () => {
      const cases: Array<[string, string]> = [
        ['2', '2'],
        ['de', '1'],
        ['de-DE', '1'],
        ['-4', '1'],
      ];
      for (const [language, expected] of cases) {
        const page = await openHash(om, await makeHash(om), {language});
        assert.equal(page.data.language, expected, `language=${language}`);
      }
    });

    it('ignores parameters it does not know', async () => {
      const hash = await makeHash(om, {roomId: 5});
      const response = await fetch(`${om.url}/hash?utm_source=x&secure=${hash}&node=2&language=4`);
      const html = await response.text();

      assert.match(html, /<main id="room" data-room-id="5"/);
      assert.match(html, /data-language="4"/);
    });

    it('refuses methods other than GET and POST with 403', async () => {
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        const response = await fetch(`${om.url}/hash?secure=x`, {method});
        assert.equal(response.status, 403, method);
      }
    });

    it('sends HSTS, nosniff and X-XSS-Protection, and nothing against framing', async () => {
      const response = await fetch(`${om.url}/hash?secure=${await makeHash(om)}`);

      assert.ok(response.headers.get('strict-transport-security'));
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(response.headers.get('x-xss-protection'));
      assert.equal(response.headers.get('x-frame-options'), null);
      assert.equal(response.headers.get('content-security-policy'), null);
    });

    it('sets a SameSite=Lax session cookie (5.1+)', async () => {
      const response = await fetch(`${om.url}/hash?secure=x`);

      assert.match(response.headers.get('set-cookie') ?? '', /^JSESSIONID=\w+;.*SameSite=Lax/);
    });
  });
}
