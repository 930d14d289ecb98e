import assert from 'node:assert/strict';
import {once} from 'node:events';
import {createServer, request as httpRequest} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, it, type TestContext} from 'node:test';
import {OmClient} from '../../src/client/index.js';
import {
  SidPool,
  createTokenHandler,
  guestVisitors,
  type TokenEndpointOptions,
} from '../../src/server/index.js';
import {ACCOUNT, hashes, logins, openRoom, startOm} from './server-support.js';

/**
 * The pool's timers are unref'd so that it never holds a process open; a test that awaits
 * one of them holds the event loop open itself until it ends.
 */
function holdEventLoop(t: TestContext): void {
  const hold = setInterval(() => undefined, 60_000);
  t.after(() => clearInterval(hold));
}

async function filled(pool: SidPool): Promise<void> {
  while (pool.available < pool.size) await once(pool, 'refill');
}

function handlerFor(t: TestContext, omUrl: string, options: Partial<TokenEndpointOptions> = {}) {
  const handler = createTokenHandler({
    omUrl,
    ...ACCOUNT,
    resolveUser: guestVisitors({externalType: 'pool-test'}),
    ...options,
  });
  t.after(() => handler.close());

  return handler;
}

async function join(handler: (request: Request) => Promise<Response>, body: object) {
  const response = await handler(
    new Request('http://127.0.0.1/api/om/join', {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(body),
    }),
  );

  return {status: response.status, ...((await response.json()) as {url?: string})};
}

/**
 * A loopback proxy in front of the emulator that answers 503 while `broken` is set, standing in
 * for an OpenMeetings that is briefly down.
 */
async function startSwitch(t: TestContext, targetOrigin: string) {
  const state = {broken: true};
  const server = createServer((req, res) => {
    if (state.broken) {
      res.writeHead(503).end();

      return;
    }
    const {method, headers} = req;
    const upstream = httpRequest(`${targetOrigin}${req.url}`, {method, headers});
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();

    return closed;
  });

  return {state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openmeetings`};
}

describe('SID pool', () => {
  it('lets a join with a pooled SID make one OpenMeetings call: the hash', async (t) => {
    const om = await startOm(t);
    const handler = handlerFor(t, om.url, {pool: {size: 2}});
    await filled(handler.pool!);
    const pooled = logins(om).map((entry) => entry.sid);

    const answer = await join(handler, {roomId: 1, firstname: 'Pia'});

    assert.equal(answer.status, 200);
    const [hash] = hashes(om);
    assert.ok(pooled.includes(hash.sid!), 'the hash used a SID logged in before the join');
    assert.equal((await openRoom(answer.url!)).user, 'Pia');
  });

  it('never uses one SID for two hashes, however the joins overlap', async (t) => {
    const om = await startOm(t);
    const handler = handlerFor(t, om.url, {pool: {size: 2}});
    await filled(handler.pool!);
    const names = ['Ana', 'Ben', 'Cem', 'Dov', 'Eli', 'Fay'];

    const joins = names.map((firstname) => join(handler, {roomId: 2, firstname}));
    const answers = await Promise.all(joins);
    await filled(handler.pool!);

    const sids = hashes(om).map((entry) => entry.sid);
    assert.equal(sids.length, names.length);
    assert.equal(new Set(sids).size, names.length);
    const rooms = await Promise.all(answers.map((answer) => openRoom(answer.url!)));
    assert.deepEqual(
      rooms.map((room) => room.user),
      names,
    );
  });

  it('falls back to login and hash when a refill failed', async (t) => {
    const om = await startOm(t);
    const front = await startSwitch(t, om.origin);
    const handler = handlerFor(t, front.url, {pool: {size: 1, retryMs: 60_000}});
    await once(handler.pool!, 'refill-error');
    front.state.broken = false;

    const answer = await join(handler, {roomId: 3, firstname: 'Rui'});

    assert.equal(answer.status, 200);
    assert.equal(handler.pool!.available, 0, 'the pool is still waiting out its failure');
    const [login] = logins(om);
    assert.equal(hashes(om)[0].sid, login.sid);
    assert.equal((await openRoom(answer.url!)).user, 'Rui');
  });

  it('logs in afresh when a pooled SID died in OpenMeetings 6.2 (HTML 500)', async (t) => {
    const om = await startOm(t, {version: '6.2.0'});
    const handler = handlerFor(t, om.url, {pool: {size: 1}});
    await filled(handler.pool!);
    // OM deletes SIDs idle for more than 30 minutes (protocol §7); the pool's clock has not moved.
    om.emulator.advanceClock(40 * 60_000);

    const answer = await join(handler, {roomId: 1, firstname: 'Ola'});

    assert.equal(answer.status, 200);
    assert.deepEqual(
      hashes(om).map((entry) => entry.status),
      [500, 200],
    );
    assert.equal((await openRoom(answer.url!)).user, 'Ola');
  });

  it('drops a SID that reached its age and logs in a replacement', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url});
    let now = 0;
    const pool = new SidPool(
      () => client.login(ACCOUNT),
      {size: 1, maxAgeMs: 60_000},
      () => now,
    );
    t.after(() => pool.close());
    pool.refill();
    await filled(pool);
    const first = logins(om)[0].sid;

    now = 60_000;
    assert.equal(pool.take(), undefined);
    await filled(pool);

    assert.equal(logins(om).length, 2);
    const second = pool.take();
    assert.notEqual(second, first);
    assert.equal(second, logins(om)[1].sid);
  });

  it('waits before it tries again after a failed login', async (t) => {
    let calls = 0;
    const pool = new SidPool(
      () => {
        calls++;
        return Promise.reject(new Error('OpenMeetings is down'));
      },
      {size: 1, retryMs: 10},
    );
    t.after(() => pool.close());
    holdEventLoop(t);

    pool.refill();
    await once(pool, 'refill-error');
    pool.refill();
    pool.take();
    assert.equal(calls, 1, 'no login while the retry is pending');
    await once(pool, 'refill-error');

    assert.equal(calls, 2);
  });

  it('stops logging in once closed', async (t) => {
    const om = await startOm(t);
    const handler = handlerFor(t, om.url, {pool: {size: 3}});

    handler.close();

    assert.equal(handler.pool!.take(), undefined);
    assert.equal(handler.pool!.available, 0);
  });

  it('refuses a size or age it cannot keep', () => {
    const login = () => Promise.resolve('sid');

    assert.throws(() => new SidPool(login, {size: 0}), /pool\.size/);
    assert.throws(() => new SidPool(login, {size: 51}), /pool\.size/);
    assert.throws(() => new SidPool(login, {maxAgeMs: 30 * 60_000}), /pool\.maxAgeMs/);
  });
});
