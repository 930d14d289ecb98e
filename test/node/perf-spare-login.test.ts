import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {OmClient, SPARE_MAX_AGE, freshHash} from '../../src/client/index.js';
import {ACCOUNT, UUID, hashes, logins, startOm} from './server-support.js';

const visitor = {externalId: 'v-spare', externalType: 'spare-test'};

/** A fetch of its own, so that each test's spares are its own too. */
function ownFetch(): typeof fetch {
  return (input, init) => fetch(input, init);
}

describe('OmClient spare logins (#8)', () => {
  it('logs in once for every client on the same base, account and fetch', async (t) => {
    const om = await startOm(t);
    const f = ownFetch();

    for (let i = 0; i < 3; i++) new OmClient({baseUrl: om.url, fetch: f}).spareLogin(ACCOUNT);
    const sid = await new OmClient({baseUrl: om.url, fetch: f}).takeSpareLogin(ACCOUNT);

    assert.match(sid!, UUID);
    assert.equal(logins(om).length, 1);
  });

  it('hands each spare SID to one join only', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url, fetch: ownFetch()});
    client.spareLogin(ACCOUNT);

    const first = client.takeSpareLogin(ACCOUNT);
    const second = client.takeSpareLogin(ACCOUNT);
    await freshHash(client, ACCOUNT, visitor, {roomId: 1}, await first);
    await freshHash(client, ACCOUNT, visitor, {roomId: 1}, await second);

    assert.equal(second, undefined);
    const sids = hashes(om).map((entry) => entry.sid);
    assert.equal(new Set(sids).size, 2);
    assert.equal(sids[0], logins(om)[0].sid);
  });

  it('keeps spares apart by base URL, account and fetch', async (t) => {
    const om = await startOm(t);
    const f = ownFetch();
    const other = {user: 'soapuser2', password: 'x'};

    new OmClient({baseUrl: om.url, fetch: f}).spareLogin(ACCOUNT);

    assert.equal(
      new OmClient({baseUrl: om.url, fetch: ownFetch()}).takeSpareLogin(ACCOUNT),
      undefined,
    );
    assert.equal(
      new OmClient({baseUrl: `${om.url}x`, fetch: f}).takeSpareLogin(ACCOUNT),
      undefined,
    );
    assert.equal(new OmClient({baseUrl: om.url, fetch: f}).takeSpareLogin(other), undefined);
    assert.ok(new OmClient({baseUrl: om.url, fetch: f}).takeSpareLogin(ACCOUNT));
  });

  it('hands out no spare older than SPARE_MAX_AGE, and replaces it at the next sign of intent', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url, fetch: ownFetch()});
    let now = Date.now();
    t.mock.method(Date, 'now', () => now);

    client.spareLogin(ACCOUNT);
    now += SPARE_MAX_AGE;
    client.spareLogin(ACCOUNT);
    const replaced = await client.takeSpareLogin(ACCOUNT);
    client.spareLogin(ACCOUNT);
    now += SPARE_MAX_AGE;
    const stale = client.takeSpareLogin(ACCOUNT);
    await new Promise((resolve) => setTimeout(resolve, 100));

    assert.equal(stale, undefined);
    assert.equal(logins(om).length, 3);
    assert.equal(replaced, logins(om)[1].sid);
  });

  it('hands a failed spare login to the next join, and logs in anew at the next intent', async (t) => {
    const om = await startOm(t);
    const client = new OmClient({baseUrl: om.url, fetch: ownFetch()});
    const wrong = {user: ACCOUNT.user, password: 'wrong'};
    client.spareLogin(wrong);
    await new Promise((resolve) => setTimeout(resolve, 100));

    await assert.rejects(client.takeSpareLogin(wrong)!, {code: 'bad-credentials'});
    assert.equal(client.takeSpareLogin(wrong), undefined);
    client.spareLogin(wrong);
    client.spareLogin(wrong);
    await assert.rejects(client.takeSpareLogin(wrong)!, {code: 'bad-credentials'});
    assert.equal(logins(om).length, 2);
  });
});
