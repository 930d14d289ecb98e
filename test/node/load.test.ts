import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {checkLog, runLoad, type Join} from '../../scripts/load.js';
import type {EmulatorLogEntry} from '../../src/emulator/index.js';

// The short form of `npm run load`: 200 guests at once for 10 s, against the token endpoint and
// the emulator in a process of their own. The long form prints memory samples as it goes.
describe('token endpoint under load', () => {
  const long = {timeout: 60_000};

  it('lets 200 concurrent guests join for 10 s with no failure and no mix-up', long, async () => {
    const report = await runLoad({clients: 200, seconds: 10, round: 10});

    assert.deepEqual(report.failures, []);
    assert.equal(report.mixUps, 0);
    assert.ok(report.joins >= 200, `${report.joins} joins: every guest got in at least once`);
  });

  it('counts one SID behind two guests as a mix-up, as the check above relies on', () => {
    const sid = '0f0f0f0f-0000-4000-8000-000000000001';
    const made = {kind: 'hash', time: 0, sid, outcome: 'success', status: 200} as const;
    const shown = {kind: 'redemption', time: 0, session: 's', outcome: 'room'} as const;
    const entry = (hash: string, externalId: string, firstname: string) =>
      ({...made, hash, user: {externalId, firstname}}) as const;
    const log: EmulatorLogEntry[] = [
      {kind: 'login', time: 0, account: 'soapuser', outcome: 'success', sid},
      entry('h-1', 'g-1', 'Ann'),
      entry('h-2', 'g-2', 'Bob'),
      {...shown, reload: false, hash: 'h-1', user: 'Bob'},
    ];
    const joins: Join[] = [
      {hash: 'h-1', name: 'Ann', guest: 'g-1', roomId: 1},
      {hash: 'h-2', name: 'Bob', guest: 'g-2', roomId: 1},
    ];
    const problems: Array<[string, boolean | undefined]> = [];

    checkLog(log, joins, (line, mixUp) => problems.push([line, mixUp]));

    const mixUps = problems.filter(([, mixUp]) => mixUp).map(([line]) => line);
    assert.ok(
      mixUps.some((line) => /SID used for a second hash/.test(line)),
      String(mixUps),
    );
    assert.ok(
      mixUps.some((line) => /Ann: room shown to Bob/.test(line)),
      String(mixUps),
    );
  });
});
