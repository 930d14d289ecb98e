import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningEmulator} from '../../src/emulator/index.js';
import {makeHash, openHash, raw, start, VISITOR} from './emulator-helpers.js';

describe('emulator /hash page (protocol §9)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  it('shows the room, the visitor, the moderator flag and the language', async () => {
    const page = await openHash(om, await makeHash(om, {roomId: 5}), {language: '2'});

    assert.equal(page.view, 'room');
    assert.equal(page.data['room-id'], '5');
    assert.equal(page.data['room-name'], 'Workshop');
    assert.equal(page.data.user, 'Ada Lovelace');
    assert.equal(page.data.moderator, 'false');
    assert.equal(page.data.language, '2');
    assert.match(page.html, /<html lang="de">/);
  });

  it('makes the visitor moderator when options.moderator is true', async () => {
    const page = await openHash(om, await makeHash(om, {roomId: 5, moderator: true}));

    assert.equal(page.data.moderator, 'true');
  });

  it('reads only non-negative numeric language ids; unknown ids and 0 mean English', async () => {
    const cases: Array<[string, string]> = [
      ['4', '4'],
      ['3', '3'],
      ['de', '1'],
      ['de-DE', '1'],
      ['-2', '1'],
      ['0', '1'],
      ['999', '1'],
      ['2.5', '1'],
    ];
    for (const [language, expected] of cases) {
      const page = await openHash(om, await makeHash(om), {language});
      assert.equal(page.data.language, expected, `language=${language}`);
    }
  });

  it('shows German for id 3, as OM does on pages', async () => {
    const page = await openHash(om, await makeHash(om), {language: '3'});

    assert.match(page.html, /<html lang="de">/);
  });

  it('shows the recording player for a hash with recordingId, even with a roomId', async () => {
    const page = await openHash(om, await makeHash(om, {roomId: 5, recordingId: 1}));

    assert.equal(page.view, 'recording');
    assert.equal(page.data['recording-id'], '1');
    assert.equal(page.data.user, 'Ada Lovelace');
  });

  it('shows a closed notice for a closed room', async () => {
    const page = await openHash(om, await makeHash(om, {roomId: 7}));

    assert.equal(page.view, 'room-closed');
    assert.match(page.html, /This room is closed\./);
    assert.match(page.html, /http-equiv="refresh"/);
  });

  it('picks the room by externalRoomId and externalType over roomId', async () => {
    const options = {roomId: 1, externalRoomId: 'course-101', externalType: 'example-cms'};
    const page = await openHash(om, await makeHash(om, options));

    assert.equal(page.data['room-id'], '6');
  });

  it('uses roomId when only one of the external room keys is set', async () => {
    const page = await openHash(om, await makeHash(om, {roomId: 2, externalRoomId: 'course-101'}));

    assert.equal(page.data['room-id'], '2');
  });

  it('shows the Invalid hash dialog with HTTP 200 for every refusal', async () => {
    const used = await makeHash(om);
    await openHash(om, used);
    const hashes = [
      'not-a-hash',
      used,
      await makeHash(om, {roomId: 999}),
      await makeHash(om, {roomId: 8}),
      await makeHash(om, {externalRoomId: 'nope', externalType: 'example-cms'}),
      await makeHash(om, {recordingId: 999}),
    ];
    for (const hash of hashes) {
      const page = await openHash(om, hash);
      assert.equal(page.view, 'invalid-hash', hash);
      assert.match(page.html, /<h2[^>]*>Invalid hash<\/h2>/);
      assert.match(page.html, /Access denied\. You have no rights to enter this room\./);
    }
  });

  it('escapes everything it renders', async () => {
    const user = {...VISITOR, firstname: '<script>alert(1)</script>', lastname: '"&\''};
    const page = await openHash(om, await makeHash(om, {roomId: 5}, user));

    assert.doesNotMatch(page.html, /<script>/);
    assert.equal(page.data.user, '<script>alert(1)</script> "&\'');
  });

  it('sends the security headers and nothing that blocks framing', async () => {
    const response = await fetch(`${om.url}/hash?secure=${await makeHash(om)}`);

    assert.equal(response.headers.get('content-type'), 'text/html;charset=UTF-8');
    assert.ok(response.headers.get('strict-transport-security'));
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('x-xss-protection'));
    assert.equal(response.headers.get('x-frame-options'), null);
    assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /frame-ancestors/);
  });

  it('sets a SameSite=Lax, HttpOnly session cookie on the context path', async () => {
    const response = await fetch(`${om.url}/hash?secure=x`);

    assert.match(
      response.headers.get('set-cookie') ?? '',
      /^JSESSIONID=[0-9A-F]{32}; Path=\/openmeetings; HttpOnly; SameSite=Lax$/,
    );
  });

  it('refuses methods other than GET and POST with 403', async () => {
    for (const method of ['HEAD', 'PUT', 'DELETE', 'TRACE']) {
      assert.equal((await raw(`${om.url}/hash?secure=x`, method)).status, 403, method);
    }
  });

  it('reads secure and language from a POST form too', async () => {
    const body = new URLSearchParams({secure: await makeHash(om), language: '4'});
    const response = await fetch(`${om.url}/hash`, {method: 'POST', body});
    const html = await response.text();

    assert.match(html, /id="room"/);
    assert.match(html, /data-language="4"/);
  });
});

describe('emulator browser sessions on /hash (protocol §7, §9)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  it('lets the same browser session reload a used hash', async () => {
    const hash = await makeHash(om);
    const first = await openHash(om, hash);
    const reload = await openHash(om, hash, {cookie: first.cookie});
    const elsewhere = await openHash(om, hash);

    assert.equal(reload.view, 'room');
    assert.equal(elsewhere.view, 'invalid-hash');
    const entry = om.emulator.log().find((e) => e.kind === 'redemption' && e.reload);
    assert.ok(entry);
  });

  it('keeps the session language on a reload without language', async () => {
    const hash = await makeHash(om);
    const first = await openHash(om, hash, {language: '4'});
    const reload = await openHash(om, hash, {cookie: first.cookie});

    assert.equal(reload.data.language, '4');
  });

  it('ends a signed-in session before it opens a different hash', async () => {
    const firstHash = await makeHash(om);
    const first = await openHash(om, firstHash);
    const second = await openHash(om, await makeHash(om, {roomId: 2}), {cookie: first.cookie});

    assert.equal(second.view, 'room');
    assert.notEqual(second.cookie, first.cookie);
    const ended = om.emulator.log().filter((entry) => entry.kind === 'session-ended');
    assert.deepEqual(
      ended.map((entry) => entry.session),
      [first.cookie?.split('=')[1]],
    );
    // Another tab still holding the old cookie has lost its session.
    assert.equal((await openHash(om, firstHash, {cookie: first.cookie})).view, 'invalid-hash');
  });
});
