import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {openRoom} from './server-support.js';
import {mountFault} from './support/faults-mount.js';
import {ACCOUNT, startSite, type Site} from './support/faults-site.js';
import {faultRows, isFailure} from './support/faults-table.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface ErrorAnswer {
  url?: string;
  error?: {code: string; message: string; field?: string};
}

// The token endpoint in front of each faulty OpenMeetings of the matrix. Waits are scaled to a
// tenth, and so is the endpoint's limit where a row needs it (bad password: 3 s against 1.2 s).
describe('token endpoint fault matrix', () => {
  let site: Site;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  before(async () => {
    site = await startSite();
    process.on('unhandledRejection', onRejection);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    await site?.close();
  });

  for (const row of faultRows) {
    const outcome = row.expect;
    const calls = `${outcome.logins} login(s) and ${outcome.hashes} hash call(s)`;
    const verb = isFailure(outcome)
      ? `answers ${outcome.status} ${outcome.code} after ${calls}`
      : `recovers after ${calls}`;

    it(`${verb} for ${row.title}`, async () => {
      const mounted = await mountFault(site, row, 'node', 0.1);
      const response = await fetch(mounted.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: site.origin,
          'sec-fetch-site': 'same-origin',
        },
        body: JSON.stringify({roomId: row.roomId ?? 1}),
      });
      const text = await response.text();
      const body = JSON.parse(text) as ErrorAnswer;

      assert.deepEqual(mounted.calls, {logins: outcome.logins, hashes: outcome.hashes});
      if (!isFailure(outcome)) {
        assert.equal(response.status, 200, text);
        assert.equal((await openRoom(body.url!)).kind, outcome.room);

        return;
      }
      assert.equal(response.status, outcome.status, text);
      assert.equal(body.error?.code, outcome.code, text);
      assert.match(body.error!.message, outcome.says);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const internal = new URL(mounted.omUrl);
      for (const secret of [ACCOUNT.password, internal.host, `${internal.pathname}/`]) {
        assert.ok(!text.includes(secret), `the answer leaks ${secret}: ${text}`);
      }
      assert.doesNotMatch(text, UUID, 'no SID or hash in the answer');
      assert.deepEqual(rejections, []);
    });
  }
});
