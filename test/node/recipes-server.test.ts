import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, it, type TestContext} from 'node:test';
import {createSite} from '../../demo/recipes/server-rendered/site.js';
import {ACCOUNT, openRoom, postJoin, startOm} from './server-support.js';

// demo/recipes/server-rendered/site.ts: the reference handler behind a site's own login session.
async function startSite(t: TestContext): Promise<string> {
  const om = await startOm(t);
  const site = createSite({omUrl: om.url, ...ACCOUNT});
  const server = createServer(site.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        site.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function signIn(origin: string, member: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    body: new URLSearchParams({member}),
    redirect: 'manual',
  });
  assert.equal(response.status, 303);
  const cookie = response.headers.get('set-cookie');
  assert.ok(cookie, 'the site set a session cookie');

  return cookie.split(';')[0];
}

describe('server-rendered recipe: resolveUser from the site session', () => {
  it('shows a login form, not the join button, to a visitor without a session', async (t) => {
    const origin = await startSite(t);

    const html = await (await fetch(origin)).text();

    assert.match(html, /<form method="post" action="\/login">/);
    assert.doesNotMatch(html, /<om-join-button/);
  });

  it('renders the join button for a member, with no account detail in the page', async (t) => {
    const origin = await startSite(t);
    const cookie = await signIn(origin, 'ada');

    const html = await (await fetch(origin, {headers: {cookie}})).text();

    assert.match(html, /<om-join-button token-endpoint="\/api\/om\/join" room-id="1"/);
    assert.doesNotMatch(html, new RegExp(`${ACCOUNT.password}|${ACCOUNT.user}|om-password`));
  });

  it('enters the room as the signed-in member, whatever name the body claims', async (t) => {
    const origin = await startSite(t);
    const cookie = await signIn(origin, 'ada');

    const answer = await postJoin(
      `${origin}/api/om/join`,
      {roomId: 1, firstname: 'Mallory', lastname: 'Admin'},
      {cookie},
    );

    assert.equal(answer.status, 200);
    const room = await openRoom(answer.body.url!);
    const {user, externalId, moderator, roomId} = room;
    assert.deepEqual(
      {user, externalId, moderator, roomId},
      {user: 'Ada Lovelace', externalId: '1', moderator: true, roomId: 1},
    );
  });

  it('takes the moderator right from the member record', async (t) => {
    const origin = await startSite(t);
    const cookie = await signIn(origin, 'bob');

    const answer = await postJoin(`${origin}/api/om/join`, {roomId: 1}, {cookie});

    const room = await openRoom(answer.body.url!);
    assert.equal(room.user, 'Bob Stone');
    assert.equal(room.moderator, false);
  });

  it('answers 401 with an error body when there is no session', async (t) => {
    const origin = await startSite(t);

    const answer = await postJoin(`${origin}/api/om/join`, {roomId: 1});

    assert.equal(answer.status, 401);
    assert.equal(answer.body.error?.message, 'log in to join the meeting');
    assert.equal(answer.body.url, undefined);
  });

  it('refuses a room outside the site’s list, even for a member', async (t) => {
    const origin = await startSite(t);
    const cookie = await signIn(origin, 'ada');

    const answer = await postJoin(`${origin}/api/om/join`, {roomId: 2}, {cookie});

    assert.equal(answer.status, 403);
    assert.equal(answer.body.url, undefined);
  });
});
