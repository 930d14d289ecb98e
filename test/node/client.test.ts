import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {OmClient, freshHash, normalizeBase, roomUrl} from '../../src/client/index.js';
import {ACCOUNT, UUID, hashes, logins, startOm, rejection} from './server-support.js';

interface Seen {
  method: string;
  url: URL;
  contentType: string | null;
  body: string;
}

/** The real fetch, with a note of each request it sends: the wire format under test. */
function watchedFetch(seen: Seen[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      url: new URL(request.url),
      contentType: request.headers.get('content-type'),
      body: await request.clone().text(),
    });

    return fetch(request);
  };
}

const visitor = {externalId: 'v-42', externalType: 'client-test', firstname: 'Ada'};

describe('OmClient wire format', () => {
  it('posts the login as a form and keeps the password out of the URL', async (t) => {
    const om = await startOm(t);
    const seen: Seen[] = [];
    const client = new OmClient({baseUrl: om.url, fetch: watchedFetch(seen)});

    const sid = await client.login(ACCOUNT);

    assert.match(sid, UUID);
    assert.equal(seen[0].method, 'POST');
    assert.equal(seen[0].url.href, `${om.url}/services/user/login`);
    assert.match(seen[0].contentType!, /^application\/x-www-form-urlencoded/);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(seen[0].body)), {
      user: ACCOUNT.user,
      pass: ACCOUNT.password,
    });
  });

  it('sends user and options as JSON strings in a form body, the SID in the query', async (t) => {
    const om = await startOm(t);
    const seen: Seen[] = [];
    const client = new OmClient({baseUrl: om.url, fetch: watchedFetch(seen)});
    const sid = await client.login(ACCOUNT);

    const hash = await client.roomHash(sid, visitor, {roomId: 5, moderator: false});

    assert.match(hash, UUID);
    const request = seen[1];
    assert.equal(request.method, 'POST');
    assert.equal(request.url.pathname, '/openmeetings/services/user/hash');
    assert.equal(request.url.searchParams.get('sid'), sid);
    assert.match(request.contentType!, /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request.body);
    assert.deepEqual([...form.keys()], ['user', 'options']);
    assert.deepEqual(JSON.parse(form.get('user')!), visitor);
    assert.deepEqual(JSON.parse(form.get('options')!), {roomId: 5, moderator: false});
    const [entry] = hashes(om);
    assert.equal(entry.sid, sid);
    assert.equal(entry.user?.externalId, 'v-42');
    assert.equal(entry.options?.roomId, 5);
  });

  it('falls back to a GET login once after 405 and remembers it', async (t) => {
    const om = await startOm(t, {version: '8.1.0'});
    const seen: Seen[] = [];
    const client = new OmClient({baseUrl: om.url, fetch: watchedFetch(seen)});

    await client.login(ACCOUNT);
    await client.login(ACCOUNT);

    assert.deepEqual(
      seen.map((request) => request.method),
      ['POST', 'GET', 'GET'],
    );
    assert.equal(logins(om).length, 2);
  });

  it('logs in with GET at once when told the server is OpenMeetings 8.1 or older', async (t) => {
    const om = await startOm(t, {version: '6.2.0'});
    const seen: Seen[] = [];
    const client = new OmClient({baseUrl: om.url, fetch: watchedFetch(seen), loginMethod: 'GET'});

    await client.login(ACCOUNT);

    assert.deepEqual(
      seen.map((request) => request.method),
      ['GET'],
    );
  });

  it('reads the text of a message key from the error service', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url});

    const text = await client.errorText('error.bad.credentials', 1);

    assert.match(text, /incorrect/);
  });
});

describe('OmClient outcomes', () => {
  it('logs in again once after error.notallowed and then succeeds', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url});

    const staleSid = '0badc0de-0000-4000-8000-000000000000';

    const hash = await freshHash(client, ACCOUNT, visitor, {roomId: 1}, staleSid);

    assert.match(hash, UUID);
    assert.equal(logins(om).length, 1);
    assert.deepEqual(
      hashes(om).map((entry) => entry.status),
      [500, 200],
    );
  });

  it('gives up after one retry with a message about the SOAP right', async (t) => {
    const viewer = {login: 'viewer', password: 'Viewer-1', rights: ['LOGIN' as const]};
    const om = await startOm(t, {accounts: [viewer]});
    const client = new OmClient({baseUrl: om.url});

    const error = await rejection(
      freshHash(client, {user: 'viewer', password: 'Viewer-1'}, visitor, {roomId: 1}),
    );

    assert.equal(error.code, 'not-allowed');
    assert.equal(error.status, 500);
    assert.match(error.message, /SOAP right/);
    assert.equal(logins(om).length, 2);
    assert.equal(hashes(om).length, 2);
  });

  it('reports bad credentials by key, without the password', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url});

    const error = await rejection(client.login({user: 'soapuser', password: 'Not-The-Password'}));

    assert.equal(error.code, 'bad-credentials');
    assert.equal(error.key, 'error.bad.credentials');
    assert.ok(!error.message.includes('Not-The-Password'));
  });

  it('tells an account that is not activated from one that has no group', async (t) => {
    const om = await startOm(t, {
      accounts: [
        {login: 'sleeper', password: 'Sleeper-1', rights: []},
        {login: 'loner', password: 'Loner-1', rights: ['LOGIN', 'SOAP'], groups: []},
      ],
    });
    const client = new OmClient({baseUrl: om.url});

    const sleeper = await rejection(client.login({user: 'sleeper', password: 'Sleeper-1'}));
    const loner = await rejection(client.login({user: 'loner', password: 'Loner-1'}));

    assert.equal(sleeper.code, 'not-activated');
    assert.equal(loner.code, 'no-group');
  });

  it('refuses a visitor without externalId before asking OpenMeetings', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url});
    const sid = await client.login(ACCOUNT);

    const anonymous = {externalId: '', externalType: 'x'};

    const error = await rejection(client.roomHash(sid, anonymous, {roomId: 1}));

    assert.equal(error.code, 'config');
    assert.equal(error.field, 'externalId');
    assert.equal(hashes(om).length, 0);
  });
});

describe('room URLs', () => {
  it('builds the /hash URL with the hash and a numeric language', () => {
    const url = roomUrl('https://om.example.org/openmeetings/', 'abc', 7);

    assert.equal(url, 'https://om.example.org/openmeetings/hash?secure=abc&language=7');
  });

  it('refuses a base with a user and password in it', () => {
    const base = 'https://u:p@om.example.org/openmeetings';

    assert.throws(() => normalizeBase(base), /user or password/);
  });
});
