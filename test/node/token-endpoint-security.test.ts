import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createTokenHandler, guestVisitors} from '../../src/server/index.js';
import {
  ACCOUNT,
  logins,
  postJoin,
  rawRequest,
  startEndpoint,
  startFault,
  startOm,
} from './server-support.js';

const ROOM = JSON.stringify({roomId: 1});

describe('token endpoint cross-site protection', () => {
  it('refuses a cross-site POST with 403 and never asks OpenMeetings', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await postJoin(
      endpoint.url,
      {roomId: 1},
      {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );

    assert.equal(answer.status, 403);
    assert.equal(answer.body.error?.code, 'cross-site');
    assert.match(answer.body.error!.message, /https:\/\/evil\.example/);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(om.emulator.log(), []);
  });

  it('refuses a request from an opaque origin', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await postJoin(
      endpoint.url,
      {roomId: 1},
      {
        origin: 'null',
        'sec-fetch-site': 'cross-site',
      },
    );

    assert.equal(answer.status, 403);
  });

  it('refuses a cross-site request that carries no Origin', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await rawRequest(endpoint.url, {
      headers: {'content-type': 'application/json', 'sec-fetch-site': 'same-site'},
      body: ROOM,
    });

    assert.equal(answer.status, 403);
  });

  it('refuses a cross-site HTML form post even from a browser that sends no Origin', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await rawRequest(endpoint.url, {
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: 'roomId=1',
    });

    assert.equal(answer.status, 415);
    assert.deepEqual(om.emulator.log(), []);
  });

  it('accepts a same-origin POST', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
  });

  it('trusts Sec-Fetch-Site: same-origin behind a proxy that changed the scheme', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);
    const publicOrigin = endpoint.origin.replace('http:', 'https:');

    const answer = await postJoin(endpoint.url, {roomId: 1}, {origin: publicOrigin});

    assert.equal(answer.status, 200);
  });

  it('accepts a client that is no browser: no Origin, no Sec-Fetch-Site', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const headers = {'content-type': 'application/json'};
    const answer = await rawRequest(endpoint.url, {headers, body: ROOM});

    assert.equal(answer.status, 200);
  });

  it('accepts a listed origin and lets it read the answer through CORS', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {allowedOrigins: ['https://www.example.org']});

    const answer = await postJoin(
      endpoint.url,
      {roomId: 1},
      {
        origin: 'https://www.example.org',
        'sec-fetch-site': 'cross-site',
      },
    );

    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), 'https://www.example.org');
    assert.equal(answer.headers.get('vary'), 'Origin');
    assert.equal(answer.headers.get('access-control-allow-credentials'), null);
  });

  it('answers a preflight from a listed origin and refuses one from elsewhere', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {allowedOrigins: ['https://www.example.org']});
    const preflight = (origin: string) =>
      fetch(endpoint.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });

    const listed = await preflight('https://www.example.org');
    const other = await preflight('https://evil.example');

    assert.equal(listed.status, 204);
    assert.equal(listed.headers.get('access-control-allow-origin'), 'https://www.example.org');
    assert.equal(listed.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(listed.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('answers 405 with Allow to other methods', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const headers = {'content-type': 'application/json'};
    const answer = await rawRequest(endpoint.url, {method: 'PUT', headers, body: ROOM});

    assert.equal(answer.status, 405);
    assert.equal(answer.headers.allow, 'POST, GET, OPTIONS');
  });

  it('refuses an allowedOrigins entry that is not a bare origin', () => {
    const create = (origin: string) =>
      createTokenHandler({
        omUrl: 'http://127.0.0.1:5080/openmeetings',
        ...ACCOUNT,
        resolveUser: guestVisitors({externalType: 'x'}),
        allowedOrigins: [origin],
      });

    const wrong = ['https://www.example.org/path', '*', 'www.example.org', 'ftp://example.org'];
    for (const origin of wrong) assert.throws(() => create(origin), /allowedOrigins/, origin);
  });
});

describe('token endpoint room allow list', () => {
  it('refuses a room that is not listed, naming it', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {rooms: [1, 2]});

    const refused = await postJoin(endpoint.url, {roomId: 3});
    const admitted = await postJoin(endpoint.url, {roomId: 2});

    assert.equal(refused.status, 403);
    assert.equal(refused.body.error?.code, 'refused');
    assert.equal(refused.body.error?.field, 'roomId');
    assert.match(refused.body.error!.message, /room 3/);
    assert.equal(admitted.status, 200);
    assert.equal(om.emulator.log().filter((entry) => entry.kind === 'hash').length, 1);
  });

  it('refuses recordings and external room ids when the list holds room ids', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {rooms: [1]});

    const recording = await postJoin(endpoint.url, {roomId: 1, recordingId: 1});
    const external = await postJoin(endpoint.url, {externalRoomId: 'course-101'});

    assert.equal(recording.status, 403);
    assert.equal(recording.body.error?.field, 'recordingId');
    assert.equal(external.status, 403);
    assert.equal(external.body.error?.field, 'externalRoomId');
    assert.deepEqual(om.emulator.log(), []);
  });

  it('lets a function decide which rooms are open', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {rooms: (body) => body.roomId === 4});

    assert.equal((await postJoin(endpoint.url, {roomId: 4})).status, 200);
    assert.equal((await postJoin(endpoint.url, {roomId: 5})).status, 403);
  });
});

describe('token endpoint rate limit', () => {
  it('answers 429 with Retry-After once a client is over its limit', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {rateLimit: {max: 2, windowMs: 60_000}});

    const statuses = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await postJoin(endpoint.url, {roomId: 1});
      statuses.push(last.status);
    }

    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal(last!.body.error?.code, 'rate-limited');
    const retryAfter = Number(last!.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(om.emulator.log().filter((entry) => entry.kind === 'login').length, 2);
  });

  it('counts each client address apart and ignores X-Forwarded-For', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {rateLimit: {max: 1, windowMs: 60_000}});
    const from = (localAddress: string, forwardedFor: string) =>
      rawRequest(endpoint.url, {
        localAddress,
        headers: {'content-type': 'application/json', 'x-forwarded-for': forwardedFor},
        body: ROOM,
      });

    const first = await from('127.0.0.2', '203.0.113.1');
    const sameClient = await from('127.0.0.2', '203.0.113.2');
    const otherClient = await from('127.0.0.3', '203.0.113.1');

    assert.deepEqual([first.status, sameClient.status, otherClient.status], [200, 429, 200]);
  });

  it('keys clients by the clientKey option when given', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {
      rateLimit: {max: 1, windowMs: 60_000},
      clientKey: (request) => request.headers.get('x-site-user') ?? 'anonymous',
    });

    const a = await postJoin(endpoint.url, {roomId: 1}, {'x-site-user': 'a'});
    const b = await postJoin(endpoint.url, {roomId: 1}, {'x-site-user': 'b'});
    const again = await postJoin(endpoint.url, {roomId: 1}, {'x-site-user': 'a'});

    assert.deepEqual([a.status, b.status, again.status], [200, 200, 429]);
  });
});

describe('token endpoint secrets', () => {
  it('keeps the password, SIDs and the internal address out of every error answer', async (t) => {
    const password = 'S3cret-Passw0rd';
    const om = await startOm(t, {
      accounts: [{login: 'viewer', password, rights: ['LOGIN']}],
    });
    const logged: string[] = [];
    const endpoint = await startEndpoint(t, om, {
      user: 'viewer',
      password,
      onError: (error) => logged.push(String(error)),
    });

    const answer = await postJoin(endpoint.url, {roomId: 1});
    const text = JSON.stringify(answer.body);

    assert.equal(answer.status, 502);
    const sids = logins(om).map((entry) => entry.sid!);
    assert.equal(sids.length, 2);
    for (const secret of [password, om.origin, ...sids]) assert.ok(!text.includes(secret), secret);
    for (const secret of [password, ...sids]) assert.ok(!logged.join().includes(secret), secret);
  });

  it('passes a refusal from resolveUser through without asking OpenMeetings', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {
      resolveUser: () => Response.json({error: {code: 'login', message: 'sign in'}}, {status: 401}),
    });

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 401);
    assert.deepEqual(om.emulator.log(), []);
  });

  it('answers a generic 500 when resolveUser throws, and tells onError', async (t) => {
    const om = await startOm(t);
    const seen: unknown[] = [];
    const endpoint = await startEndpoint(t, om, {
      resolveUser: () => {
        throw new Error('session store down at db.internal:5432');
      },
      onError: (error) => seen.push(error),
    });

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 500);
    assert.equal(answer.body.error?.code, 'internal');
    assert.ok(!JSON.stringify(answer.body).includes('db.internal'));
    assert.equal(seen.length, 1);
  });

  it('marks the guest cookie Secure on https', () => {
    const resolve = guestVisitors({externalType: 'x'});

    const visitor = resolve(new Request('https://www.example.org/api/om/join'), {roomId: 1});

    assert.match(visitor.headers!['set-cookie'], /; Secure/);
    assert.equal(visitor.moderator, false);
  });
});

describe('token endpoint against an oversized OpenMeetings answer', () => {
  it('stops reading past 256 KiB and answers 502 without the body', async (t) => {
    const om = await startOm(t);
    const huge = `{"serviceResult":{"message":"sid-x","type":"SUCCESS"}}${' '.repeat(300 * 1024)}marker`;
    const omUrl = await startFault(t, (_req, res) => {
      res.writeHead(200, {'content-type': 'application/json'});
      // No declared length: the endpoint has to count the bytes as they come.
      for (let i = 0; i < huge.length; i += 16 * 1024) res.write(huge.slice(i, i + 16 * 1024));
      res.end();
    });
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'network');
    assert.doesNotMatch(JSON.stringify(answer.body), /marker|sid-x/);
  });
});
