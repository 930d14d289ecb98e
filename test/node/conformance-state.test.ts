import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {RunningEmulator, StartEmulatorOptions} from '../../src/emulator/index.js';
import {
  makeHash,
  manualClock,
  openHash,
  postHash,
  sid,
  start,
  VISITOR,
  GRACE,
} from './emulator-helpers.js';

// Protocol §6 (hidden state on the SID) and §7 (lifetimes), run against each version the
// conformance suite covers. test/CONFORMANCE.md maps every table row to the tests that run it.
const VERSIONS = ['9.1.0', '8.1.0', '6.2.0'];
const MINUTE = 60_000;

async function withEmulator(
  options: StartEmulatorOptions,
  test: (om: RunningEmulator, advance: (ms: number) => void) => Promise<void>,
) {
  const clock = manualClock();
  const om = await start({...options, now: clock.now});
  try {
    await test(om, clock.advance);
  } finally {
    await om.close();
  }
}

const hashStatus = async (om: RunningEmulator, sidValue: string) =>
  (await postHash(om, sidValue, {user: VISITOR, options: {roomId: 1}})).status;

for (const version of VERSIONS) {
  describe(`conformance §6 hidden state on the SID on OM ${version}`, () => {
    it('lets two hashes made on one SID both enter as the second visitor', async () => {
      await withEmulator({version}, async (om) => {
        const shared = await sid(om);
        const first = await makeHash(om, {roomId: 1}, VISITOR, shared);
        const second = await makeHash(om, {roomId: 2}, GRACE, shared);

        assert.equal((await openHash(om, first)).data.user, 'Grace Hopper');
        assert.equal((await openHash(om, second)).data.user, 'Grace Hopper');
      });
    });

    it('re-binds the SID at redemption, so its next /user/hash is error.notallowed', async () => {
      await withEmulator({version}, async (om) => {
        const shared = await sid(om);
        await openHash(om, await makeHash(om, {roomId: 1}, VISITOR, shared));
        const response = await postHash(om, shared, {user: VISITOR, options: {roomId: 1}});

        assert.equal(response.status, 500);
        const entry = om.emulator.log().at(-1);
        assert.equal(entry?.kind === 'hash' && entry.outcome, 'error.notallowed');
      });
    });

    it('still redeems a hash issued on the SID before it was re-bound', async () => {
      await withEmulator({version}, async (om) => {
        const shared = await sid(om);
        const first = await makeHash(om, {roomId: 1}, VISITOR, shared);
        const second = await makeHash(om, {roomId: 2}, VISITOR, shared);
        await openHash(om, first);

        assert.equal((await openHash(om, second)).data['room-id'], '2');
      });
    });

    it('keeps two visitors apart when each gets a fresh login', async () => {
      await withEmulator({version}, async (om) => {
        const [ada, grace] = await Promise.all([
          makeHash(om, {roomId: 1}, VISITOR),
          makeHash(om, {roomId: 1}, GRACE),
        ]);

        assert.equal((await openHash(om, ada)).data.user, 'Ada Lovelace');
        assert.equal((await openHash(om, grace)).data.user, 'Grace Hopper');
      });
    });
  });

  describe(`conformance §7 lifetimes on OM ${version}`, () => {
    it('lets an idle SID live 30 minutes and die by 35', async () => {
      await withEmulator({version}, async (om, advance) => {
        advance(2 * MINUTE);
        const early = await sid(om);
        const late = await sid(om);
        advance(30 * MINUTE);
        assert.equal(await hashStatus(om, early), 200, 'idle 30 minutes');

        advance(5 * MINUTE);
        assert.equal(await hashStatus(om, late), 500, 'idle 35 minutes');
      });
    });

    it('slides the SID with every authenticated call and every redemption', async () => {
      await withEmulator({version}, async (om, advance) => {
        const value = await sid(om);
        const first = await makeHash(om, {roomId: 1}, VISITOR, value);
        const second = await makeHash(om, {roomId: 2}, VISITOR, value);
        advance(25 * MINUTE);
        await openHash(om, first);
        advance(25 * MINUTE);

        assert.equal((await openHash(om, second)).view, 'room');
      });
    });

    it('keeps a permanent SID for allowSameURLMultipleTimes: reusable for good', async () => {
      await withEmulator({version}, async (om, advance) => {
        const hash = await makeHash(om, {roomId: 3, allowSameURLMultipleTimes: true});
        for (const days of [0, 2, 60]) {
          advance(days * 24 * 60 * MINUTE);
          const page = await openHash(om, hash);
          assert.equal(page.data.user, 'Ada Lovelace', `after ${days} days`);
        }
      });
    });

    it('lets a default hash in once, and marks it used even when the room is missing', async () => {
      await withEmulator({version}, async (om) => {
        const good = await makeHash(om, {roomId: 1});
        const missing = await makeHash(om, {roomId: 999});
        const views = [];
        for (const hash of [good, good, missing, missing]) {
          views.push((await openHash(om, hash)).view);
        }

        assert.deepEqual(views, ['room', 'invalid-hash', 'invalid-hash', 'invalid-hash']);
        const reasons = om.emulator
          .log()
          .flatMap((entry) => (entry.kind === 'redemption' ? [entry.reason ?? 'entered'] : []));
        const expected = ['entered', 'hash already used', 'room not found', 'hash already used'];
        assert.deepEqual(reasons, expected);
      });
    });

    it('kills any hash with its SID, and keeps it past 15 minutes until then', async () => {
      await withEmulator({version}, async (om, advance) => {
        const kept = await makeHash(om);
        const lost = await makeHash(om);
        advance(20 * MINUTE);
        assert.equal((await openHash(om, kept)).view, 'room', '20 minutes');

        advance(20 * MINUTE);
        assert.equal((await openHash(om, lost)).view, 'invalid-hash', '40 minutes');
      });
    });

    it('lets the same browser session reload a used hash; other browsers may not', async () => {
      await withEmulator({version}, async (om) => {
        const hash = await makeHash(om);
        const first = await openHash(om, hash);

        assert.equal((await openHash(om, hash, {cookie: first.cookie})).view, 'room');
        assert.equal((await openHash(om, hash)).view, 'invalid-hash');
      });
    });

    it('ends a signed-in browser session when it opens a different hash', async () => {
      await withEmulator({version}, async (om) => {
        const firstHash = await makeHash(om);
        const first = await openHash(om, firstHash);
        await openHash(om, await makeHash(om, {roomId: 2}), {cookie: first.cookie});

        const ended = om.emulator.log().filter((entry) => entry.kind === 'session-ended');
        assert.equal(ended.length, 1);
        assert.equal((await openHash(om, firstHash, {cookie: first.cookie})).view, 'invalid-hash');
      });
    });
  });
}
