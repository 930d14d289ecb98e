import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {guestVisitors} from '../../src/server/index.js';
import {
  UUID,
  hashes,
  logins,
  openRoom,
  postJoin,
  startEndpoint,
  startFault,
  startOm,
} from './server-support.js';

function cookieOf(headers: Headers): string {
  const [cookie] = headers.getSetCookie();
  assert.ok(cookie, 'a Set-Cookie header');

  return cookie.split(';', 1)[0];
}

describe('token endpoint joins', () => {
  it('answers a room URL with a UUID hash and the language', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await postJoin(endpoint.url, {roomId: 5, language: 2});

    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const url = new URL(answer.body.url!);
    assert.equal(`${url.origin}${url.pathname}`, `${om.url}/hash`);
    assert.match(url.searchParams.get('secure')!, UUID);
    assert.equal(url.searchParams.get('language'), '2');
  });

  it('sends the visitor into the room under the name they gave', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const body = {roomId: 3, firstname: 'Ada', lastname: 'Lovelace'};
    const answer = await postJoin(endpoint.url, body);
    const room = await openRoom(answer.body.url!);

    assert.equal(room.kind, 'room');
    assert.equal(room.roomId, 3);
    assert.equal(room.user, 'Ada Lovelace');
    assert.equal(room.moderator, false);
  });

  it('uses the public OpenMeetings base in the room URL', async (t) => {
    const om = await startOm(t);
    const omPublicUrl = 'https://meet.example.org/openmeetings/';
    const endpoint = await startEndpoint(t, om, {omPublicUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.match(answer.body.url!, /^https:\/\/meet\.example\.org\/openmeetings\/hash\?secure=/);
  });

  it('logs in afresh for each of two visitors, and each enters as themselves', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const ada = await postJoin(endpoint.url, {roomId: 2, firstname: 'Ada'});
    const bob = await postJoin(endpoint.url, {roomId: 2, firstname: 'Bob'});

    const sids = hashes(om).map((entry) => entry.sid);
    assert.equal(sids.length, 2);
    assert.notEqual(sids[0], sids[1]);
    assert.equal(logins(om).length, 2);
    assert.equal((await openRoom(ada.body.url!)).user, 'Ada');
    assert.equal((await openRoom(bob.body.url!)).user, 'Bob');
  });

  it('keeps two concurrent joins apart: two SIDs, two visitors', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const [ada, bob] = await Promise.all([
      postJoin(endpoint.url, {roomId: 4, firstname: 'Ada'}),
      postJoin(endpoint.url, {roomId: 4, firstname: 'Bob'}),
    ]);

    const entries = hashes(om);
    assert.equal(new Set(entries.map((entry) => entry.sid)).size, 2);
    const [adaRoom, bobRoom] = await Promise.all([ada, bob].map((a) => openRoom(a.body.url!)));
    assert.equal(adaRoom.user, 'Ada');
    assert.equal(bobRoom.user, 'Bob');
    assert.notEqual(adaRoom.externalId, bobRoom.externalId);
  });

  it('makes a visitor moderator only when resolveUser says so', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {
      resolveUser: () => ({
        user: {externalId: 'teacher-1', externalType: 'school'},
        moderator: true,
      }),
    });

    const answer = await postJoin(endpoint.url, {roomId: 5});

    assert.equal((await openRoom(answer.body.url!)).moderator, true);
    assert.equal(hashes(om)[0].options?.moderator, true);
  });

  it('refuses a moderator flag in the body and never asks OpenMeetings', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await postJoin(endpoint.url, {roomId: 5, moderator: true});

    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.field, 'moderator');
    assert.deepEqual(om.emulator.log(), []);
  });

  it('keeps a guest the same OpenMeetings user through an HttpOnly cookie', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const first = await postJoin(endpoint.url, {roomId: 1});
    const [setCookie] = first.headers.getSetCookie();
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Lax/);
    await postJoin(endpoint.url, {roomId: 1}, {cookie: cookieOf(first.headers)});

    const ids = hashes(om).map((entry) => entry.user?.externalId);
    assert.match(ids[0]!, UUID);
    assert.equal(ids[1], ids[0]);
    assert.equal(cookieOf(first.headers), `om_guest=${ids[0]}`);
  });

  it('gives two browsers without a cookie two different guest ids', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    await postJoin(endpoint.url, {roomId: 1});
    await postJoin(endpoint.url, {roomId: 1});

    const [a, b] = hashes(om).map((entry) => entry.user?.externalId);
    assert.notEqual(a, b);
  });

  it('takes the language from Accept-Language when the body names none', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const headers = {'accept-language': 'xx, fr-CH;q=0.9, en;q=0.5'};
    const answer = await postJoin(endpoint.url, {roomId: 1}, headers);

    assert.equal(new URL(answer.body.url!).searchParams.get('language'), '4');
  });

  it('enters a room by its external id with the room external type', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {roomExternalType: 'example-cms'});

    const answer = await postJoin(endpoint.url, {externalRoomId: 'course-101'});

    assert.equal((await openRoom(answer.body.url!)).roomId, 6);
  });
});

describe('token endpoint against OpenMeetings failures', () => {
  it('reports bad API credentials clearly and never echoes the password', async (t) => {
    const om = await startOm(t);
    const password = 'Wr0ng-Secret!';
    const endpoint = await startEndpoint(t, om, {password});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'bad-credentials');
    assert.match(answer.body.error!.message, /login failed: error\.bad\.credentials/);
    assert.ok(!JSON.stringify(answer.body).includes(password));
    assert.ok(!JSON.stringify(answer.body).includes(om.origin), 'no internal OM address');
  });

  it('reports an account without the SOAP right as not-allowed after one retry', async (t) => {
    const om = await startOm(t, {
      accounts: [{login: 'viewer', password: 'Viewer-1', rights: ['LOGIN']}],
    });
    const endpoint = await startEndpoint(t, om, {user: 'viewer', password: 'Viewer-1'});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'not-allowed');
    assert.match(answer.body.error!.message, /SOAP right/);
    assert.equal(logins(om).length, 2);
    assert.equal(hashes(om).length, 2);
  });

  for (const version of ['9.1.0', '8.1.0', '6.2.0']) {
    it(`joins against OpenMeetings ${version}`, async (t) => {
      const om = await startOm(t, {version});
      const endpoint = await startEndpoint(t, om);

      const answer = await postJoin(endpoint.url, {roomId: 2, firstname: 'Vera'});

      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const room = await openRoom(answer.body.url!);
      assert.equal(room.kind, 'room');
      assert.equal(room.user, 'Vera');
    });
  }

  it('reports a self-signed OpenMeetings certificate as a TLS problem', async (t) => {
    const omUrl = await startFault(t, (_req, res) => res.end(), true);
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'tls');
    assert.match(answer.body.error!.message, /certificate/);
  });

  it('answers 504 when OpenMeetings sends headers and then stalls the body', async (t) => {
    const omUrl = await startFault(t, (_req, res) => {
      res.writeHead(200, {'content-type': 'application/json'});
      res.write('{"serviceResult":');
    });
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {omUrl, timeout: 200});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 504);
    assert.equal(answer.body.error?.code, 'timeout');
  });

  it('answers 502 with the reason when OpenMeetings refuses connections', async (t) => {
    const omUrl = await startFault(t, (req) => req.socket.destroy());
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'network');
    const message = answer.body.error!.message;
    assert.match(message, /OpenMeetings login failed: .+\(POST …\/services\/user\/login\)/);
  });

  it('hands each failure to onError with its full detail', async (t) => {
    const om = await startOm(t);
    const seen: unknown[] = [];
    const onError = (error: unknown) => seen.push(error);
    const endpoint = await startEndpoint(t, om, {password: 'nope', onError});

    await postJoin(endpoint.url, {roomId: 1});

    assert.equal(seen.length, 1);
    assert.match(String((seen[0] as Error).message), /error\.bad\.credentials/);
  });

  it('logs in with the account the endpoint was given', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {
      user: 'admin',
      password: '!HansHans',
      resolveUser: guestVisitors({externalType: 'x'}),
    });

    await postJoin(endpoint.url, {roomId: 1});

    assert.deepEqual(
      logins(om).map((entry) => entry.account),
      ['admin'],
    );
  });
});
