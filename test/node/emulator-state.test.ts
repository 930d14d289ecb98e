import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {RunningEmulator} from '../../src/emulator/index.js';
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

const MINUTE = 60_000;

async function withEmulator(
  options: Parameters<typeof start>[0],
  test: (om: RunningEmulator) => Promise<void>,
) {
  const om = await start(options);
  try {
    await test(om);
  } finally {
    await om.close();
  }
}

const hashStatus = async (om: RunningEmulator, sidValue: string) =>
  (await postHash(om, sidValue, {user: VISITOR, options: {roomId: 1}})).status;

describe('emulator hidden state on the SID (protocol §6)', () => {
  it('lets two hashes made on one SID both enter as the second visitor', async () => {
    await withEmulator({}, async (om) => {
      const shared = await sid(om);
      const first = await makeHash(om, {roomId: 1}, VISITOR, shared);
      const second = await makeHash(om, {roomId: 2}, GRACE, shared);

      assert.equal((await openHash(om, first)).data.user, 'Grace Hopper');
      assert.equal((await openHash(om, second)).data.user, 'Grace Hopper');
    });
  });

  for (const version of ['9.1.0', '8.1.0', '6.2.0']) {
    it(`re-binds the SID at redemption so its next /user/hash fails on ${version}`, async () => {
      await withEmulator({version}, async (om) => {
        const shared = await sid(om);
        await openHash(om, await makeHash(om, {roomId: 1}, VISITOR, shared));

        assert.equal(await hashStatus(om, shared), 500);
      });
    });
  }

  it('still redeems hashes issued on the SID before it was re-bound', async () => {
    await withEmulator({}, async (om) => {
      const shared = await sid(om);
      const first = await makeHash(om, {roomId: 1}, VISITOR, shared);
      const second = await makeHash(om, {roomId: 2}, VISITOR, shared);
      await openHash(om, first);
      const page = await openHash(om, second);

      assert.equal(page.view, 'room');
      assert.equal(page.data['room-id'], '2');
    });
  });

  it('creates the visitor once and updates names and picture, not e-mail, later', async () => {
    await withEmulator({}, async (om) => {
      const first = {...VISITOR, email: 'ada@example.org', profilePictureUrl: 'https://x/1.png'};
      const later = {
        ...VISITOR,
        firstname: 'Augusta',
        email: 'new@example.org',
        profilePictureUrl: 'https://x/2.png',
      };
      const one = await openHash(om, await makeHash(om, {roomId: 1}, first));
      const two = await openHash(om, await makeHash(om, {roomId: 1}, later));

      assert.equal(two.data['user-id'], one.data['user-id']);
      assert.equal(two.data.user, 'Augusta Lovelace');
      assert.equal(two.data.email, 'ada@example.org');
      assert.equal(two.data.picture, 'https://x/2.png');
    });
  });
});

describe('emulator lifetimes (protocol §7)', () => {
  it('kills an idle SID 30 to 35 minutes after its last use, whatever the job phase', async () => {
    for (const phase of [0, 1, 2.5, 4.999]) {
      const clock = manualClock();
      await withEmulator({now: clock.now}, async (om) => {
        clock.advance(phase * MINUTE);
        const early = await sid(om);
        const late = await sid(om);
        clock.advance(30 * MINUTE);
        assert.equal(await hashStatus(om, early), 200, `phase ${phase}: alive at 30 min`);

        clock.advance(5 * MINUTE);
        assert.equal(await hashStatus(om, late), 500, `phase ${phase}: dead at 35 min`);
      });
    }
  });

  it('deletes idle SIDs only when the 5-minute cleanup job runs', async () => {
    const clock = manualClock();
    await withEmulator({now: clock.now}, async (om) => {
      clock.advance(MINUTE);
      const first = await sid(om);
      const second = await sid(om);
      clock.advance(34 * MINUTE - 1);
      assert.equal(await hashStatus(om, first), 200, 'idle 33:59.999, last job at 30:00');

      clock.advance(1);
      assert.equal(await hashStatus(om, second), 500, 'idle 34:00 at the 35:00 job');
    });
  });

  it('slides the SID lifetime with every authenticated call', async () => {
    const clock = manualClock();
    await withEmulator({now: clock.now}, async (om) => {
      const value = await sid(om);
      for (let step = 0; step < 4; step++) {
        clock.advance(25 * MINUTE);
        assert.equal(await hashStatus(om, value), 200, `after ${(step + 1) * 25} minutes`);
      }
    });
  });

  it('refreshes the SID at every redemption', async () => {
    const clock = manualClock();
    await withEmulator({now: clock.now}, async (om) => {
      const value = await sid(om);
      const first = await makeHash(om, {roomId: 1}, VISITOR, value);
      const second = await makeHash(om, {roomId: 2}, VISITOR, value);
      clock.advance(25 * MINUTE);
      await openHash(om, first);
      clock.advance(25 * MINUTE);

      assert.equal((await openHash(om, second)).view, 'room');
    });
  });

  it('keeps an unused hash alive as long as its SID, beyond 15 minutes', async () => {
    const clock = manualClock();
    await withEmulator({now: clock.now}, async (om) => {
      const hash = await makeHash(om);
      clock.advance(20 * MINUTE);

      assert.equal((await openHash(om, hash)).view, 'room');
    });
  });

  it('kills an unused hash together with its SID', async () => {
    const clock = manualClock();
    await withEmulator({now: clock.now}, async (om) => {
      const hash = await makeHash(om);
      clock.advance(40 * MINUTE);

      assert.equal((await openHash(om, hash)).view, 'invalid-hash');
      const entry = om.emulator.log().at(-1);
      assert.equal(entry?.kind === 'redemption' && entry.reason, 'SID gone');
    });
  });

  it('marks a hash used at its first redemption, even when the room is missing', async () => {
    await withEmulator({}, async (om) => {
      const hash = await makeHash(om, {roomId: 999});

      assert.equal((await openHash(om, hash)).view, 'invalid-hash');
      assert.equal((await openHash(om, hash)).view, 'invalid-hash');
      const reasons = om.emulator
        .log()
        .flatMap((entry) => (entry.kind === 'redemption' ? [entry.reason] : []));
      assert.deepEqual(reasons, ['room not found', 'hash already used']);
      const made = om.emulator.log().find((entry) => entry.kind === 'hash');
      assert.equal(made?.kind === 'hash' && made.used, true);
    });
  });

  it('lets an allowSameURLMultipleTimes hash enter again and again, for good', async () => {
    const clock = manualClock();
    await withEmulator({now: clock.now}, async (om) => {
      const hash = await makeHash(om, {roomId: 3, allowSameURLMultipleTimes: true});
      for (const days of [0, 1, 30]) {
        clock.advance(days * 24 * 60 * MINUTE);
        const page = await openHash(om, hash);
        assert.equal(page.view, 'room', `after ${days} days`);
        assert.equal(page.data.user, 'Ada Lovelace');
      }
    });
  });
});
