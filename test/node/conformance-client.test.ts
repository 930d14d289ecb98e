import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  DEFAULT_TIMEOUT,
  OmClient,
  OmError,
  freshHash,
  roomUrl,
  type LoginMethod,
} from '../../src/client/index.js';
import type {EmulatorLogEntry, RunningEmulator} from '../../src/emulator/index.js';
import {
  ACCOUNT,
  UUID,
  hashes,
  logins,
  openRoom,
  postJoin,
  startEndpoint,
  startOm,
  rejection,
} from './server-support.js';

// The client and the token endpoint against each emulated version (tracker issue 3).
const VERSIONS = ['9.1.0', '8.1.0', '6.2.0'];
const visitor = {externalId: 'c-1', externalType: 'conformance', firstname: 'Cleo'};
const STALE_SID = '0badc0de-0000-4000-8000-000000000000';

/** The real fetch, noting each request's method. */
function countingFetch(methods: string[]): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    methods.push(request.method);

    return fetch(request);
  };
}

/** The inspection route, read over HTTP as any tool outside the process would. */
async function inspectionLog(om: RunningEmulator): Promise<EmulatorLogEntry[]> {
  const response = await fetch(`${om.url}/_emulator/log`);
  assert.equal(response.status, 200);

  return (await response.json()) as EmulatorLogEntry[];
}

for (const version of VERSIONS) {
  const getLogin = version !== '9.1.0';

  describe(`client and token endpoint on OM ${version}`, () => {
    it(`logs in with ${getLogin ? 'POST, then one GET after 405' : 'one POST'}`, async (t) => {
      const om = await startOm(t, {version});
      const methods: string[] = [];
      const client = new OmClient({baseUrl: om.url, fetch: countingFetch(methods)});

      const hash = await freshHash(client, ACCOUNT, visitor, {roomId: 2});

      assert.deepEqual(methods, getLogin ? ['POST', 'GET', 'POST'] : ['POST', 'POST']);
      const room = await openRoom(roomUrl(om.url, hash, 4));
      assert.deepEqual([room.kind, room.roomId, room.user, room.language], ['room', 2, 'Cleo', 4]);
    });

    it('logs in once more after error.notallowed and then gets its hash', async (t) => {
      const om = await startOm(t, {version});
      const client = new OmClient({baseUrl: om.url});

      const hash = await freshHash(client, ACCOUNT, visitor, {roomId: 1}, STALE_SID);

      assert.match(hash, UUID);
      assert.equal(logins(om).length, 1);
      assert.deepEqual(
        hashes(om).map((entry) => entry.status),
        [500, 200],
      );
    });

    it('says the account lacks the SOAP right after one retry', async (t) => {
      const viewer = {login: 'viewer', password: 'Viewer-1', rights: ['LOGIN' as const]};
      const om = await startOm(t, {version, accounts: [viewer]});
      const client = new OmClient({baseUrl: om.url});
      const account = {user: 'viewer', password: 'Viewer-1'};

      const error = await rejection(freshHash(client, account, visitor, {roomId: 1}));

      assert.equal(error.code, 'not-allowed');
      assert.equal(error.status, 500);
      assert.match(error.message, /lacks the SOAP right, or its session expired/);
      assert.deepEqual([logins(om).length, hashes(om).length], [2, 2]);
    });

    it('reports a refused SID with its status, never as a JSON parse failure', async (t) => {
      const om = await startOm(t, {version});
      const client = new OmClient({baseUrl: om.url});

      const error = await rejection(client.roomHash(STALE_SID, visitor, {roomId: 1}));

      assert.equal(error.status, 500);
      // Before 6.3 the 500 is the servlet container's HTML page (protocol §5.4).
      const detail = version === '6.2.0' ? '\\(an HTML page\\)' : 'error\\.notallowed';
      assert.match(error.message, new RegExp(`hash request failed: HTTP 500 ${detail} \\(POST `));
      assert.doesNotMatch(error.message, /JSON|Unexpected token|0badc0de/);
    });

    it('keeps two concurrent visitors apart, as the inspection route shows', async (t) => {
      const om = await startOm(t, {version});
      const endpoint = await startEndpoint(t, om);

      const answers = await Promise.all([
        postJoin(endpoint.url, {roomId: 4, firstname: 'Ada'}),
        postJoin(endpoint.url, {roomId: 4, firstname: 'Bob'}),
      ]);
      const rooms = await Promise.all(answers.map((answer) => openRoom(answer.body.url!)));

      assert.deepEqual(
        rooms.map((room) => [room.kind, room.user]),
        [
          ['room', 'Ada'],
          ['room', 'Bob'],
        ],
      );
      const log = await inspectionLog(om);
      const made = log.flatMap((entry) => (entry.kind === 'hash' ? [entry] : []));
      assert.equal(new Set(made.map((entry) => entry.sid)).size, 2, 'one SID per visitor');
      for (const [index, answer] of answers.entries()) {
        const hash = new URL(answer.body.url!).searchParams.get('secure');
        const entry = made.find((candidate) => candidate.hash === hash);
        const redeemed = log.find((item) => item.kind === 'redemption' && item.hash === hash);
        assert.equal(entry?.user?.firstname, rooms[index].user);
        assert.equal(redeemed?.kind === 'redemption' && redeemed.user, rooms[index].user);
      }
    });
  });
}

describe('client login method setting', () => {
  const cases: Array<[string, LoginMethod, string[], number | 'ok']> = [
    ['9.1.0', 'POST', ['POST'], 'ok'],
    ['9.1.0', 'GET', ['GET'], 405],
    ['8.1.0', 'GET', ['GET'], 'ok'],
    ['8.1.0', 'POST', ['POST'], 405],
    ['6.2.0', 'POST', ['POST'], 405],
  ];
  for (const [version, loginMethod, expected, outcome] of cases) {
    const result = outcome === 'ok' ? 'logs in' : `fails with ${outcome}, without a fallback`;
    it(`pinned to ${loginMethod}, ${result} on OM ${version}`, async (t) => {
      const om = await startOm(t, {version});
      const methods: string[] = [];
      const client = new OmClient({baseUrl: om.url, fetch: countingFetch(methods), loginMethod});

      const answer = await client.login(ACCOUNT).then(
        (sid) => (UUID.test(sid) ? 'ok' : sid),
        (error: OmError) => error.status,
      );

      assert.equal(answer, outcome);
      assert.deepEqual(methods, expected);
    });
  }
});

describe('client login fallback under load', () => {
  it('lets concurrent logins on one client all fall back to GET on OM 8.1', async (t) => {
    const om = await startOm(t, {version: '8.1.0'});
    const methods: string[] = [];
    const client = new OmClient({baseUrl: om.url, fetch: countingFetch(methods)});

    const sids = await Promise.all([1, 2, 3].map(() => client.login(ACCOUNT)));

    assert.equal(new Set(sids).size, 3);
    assert.deepEqual(methods.toSorted(), ['GET', 'GET', 'GET', 'POST', 'POST', 'POST']);
    await client.login(ACCOUNT);
    assert.equal(methods.at(-1), 'GET', 'later logins skip the POST');
  });
});

describe('client against the 9.x bad-password delay (OPENMEETINGS-2817)', () => {
  // 6 s scaled by 0.05: a 300 ms wait, well inside the 3 s the client is given.
  const delayed = {version: '9.1.0', penaltyScale: 0.05, random: () => 0};

  it('waits out the delay and reports bad credentials, not a timeout', async (t) => {
    const om = await startOm(t, delayed);
    const client = new OmClient({baseUrl: om.url, timeout: 3000});
    const started = performance.now();

    const error = await rejection(client.login({user: 'soapuser', password: 'wrong'}));

    assert.ok(performance.now() - started >= 290, 'the answer came after the delay');
    assert.equal(error.code, 'bad-credentials');
    assert.match(error.message, /login failed: error\.bad\.credentials/);
    assert.doesNotMatch(error.message, /time/);
    assert.deepEqual(
      logins(om).map((entry) => [entry.delaySeconds, entry.delayMs]),
      [[6, 300]],
    );
  });

  it('turns the same answer into a timeout when the limit is shorter than the delay', async (t) => {
    const om = await startOm(t, delayed);
    const client = new OmClient({baseUrl: om.url, timeout: 100});

    const error = await rejection(client.login({user: 'soapuser', password: 'wrong'}));

    assert.equal(error.code, 'timeout');
  });

  it('gives every login more time by default than the longest delay, 15 s', () => {
    assert.ok(DEFAULT_TIMEOUT > 15_000, String(DEFAULT_TIMEOUT));
  });

  it('lets the token endpoint answer bad-credentials, not a timeout', async (t) => {
    const om = await startOm(t, delayed);
    const endpoint = await startEndpoint(t, om, {password: 'wrong', timeout: 3000});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'bad-credentials');
    assert.deepEqual(
      logins(om).map((entry) => entry.delayMs),
      [300],
    );
  });
});
