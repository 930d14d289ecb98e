// `npm run bench`: the figures of issue #8, printed as tables and written to
// bench/results/latest.json. A benchmark, not a test: it reports targets, and fails only when it
// cannot measure. It builds the IIFE from the source itself, so a fresh clone needs no build.
import {mkdir, writeFile} from 'node:fs/promises';
import {bundleFigures} from './bundle.js';
import {featureCosts} from './feature-costs.js';
import {clickToRoom, scenarios, type ClickFigures} from './click.js';
import {pageCost, type PageCostFigures} from './page-cost.js';
import {startStage} from './stage.js';
import {throughput, type EndpointKind, type ThroughputFigures} from './throughput.js';
import {transportCost} from './transport.js';

const joins = Number(process.env.BENCH_JOINS ?? 21);
const delayMs = Number(process.env.BENCH_DELAY_MS ?? 100);
const pressMs = Number(process.env.BENCH_PRESS_MS ?? 80);
const targets = {sameOrigin: 0.5, token: 0.6};
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const {figures: bundle, bundle: code} = await bundleFigures();
console.log(`\n1. Bundle: the IIFE, minified, all in (${bundle.gzipTool})`);
console.table({
  'om-join-button.iife.js': {raw: bundle.raw, gzip: bundle.gzip, brotli: bundle.brotli},
  'floor: Lit + ky, minimal': {
    raw: bundle.floorRaw,
    gzip: bundle.floorGzip,
    brotli: bundle.floorBrotli,
  },
});
console.log(
  `total ${bundle.gzip} B (budget ${bundle.budgetGzip}): ${verdict(bundle.gzip <= bundle.budgetGzip)}; ` +
    `above the floor ${bundle.aboveFloor} B (budget ${bundle.budgetAboveFloor}): ` +
    `${verdict(bundle.aboveFloor <= bundle.budgetAboveFloor)}`,
);
console.log(
  `(Node's zlib -9: ours ${bundle.zlib}, floor ${bundle.floorZlib}; Lit alone ${bundle.litGzip}, ` +
    `ours above Lit alone ${bundle.aboveLit}.)`,
);
const costs = await featureCosts();
console.log('What features cost: the IIFE built again with each one cut out');
console.table(
  Object.fromEntries(
    costs.rows.map(({feature, issue, gzip, saved}) => [feature, {issue, gzip, saved}]),
  ),
);
const core = costs.rows.at(-1)!.gzip;
console.log(`Even with all of them cut, the IIFE is ${core - bundle.floorGzip} B above the floor.`);

const stage = await startStage(delayMs, code);
const click: Record<string, ClickFigures> = {};
let page: PageCostFigures;
try {
  Object.assign(
    click,
    await clickToRoom(
      stage,
      Object.keys(scenarios) as Array<keyof typeof scenarios>,
      joins,
      pressMs,
    ),
  );
  page = await pageCost(stage, code);
} finally {
  await stage.close();
}
const ratioSame = click.b.medianMs / click.a.medianMs;
const ratioToken = click.d.medianMs / click.c.medianMs;
console.log(
  `\n2. Click to room: each hop ${delayMs} ms, press ${pressMs} ms, median of ${joins} joins`,
);
console.table(
  Object.fromEntries(
    Object.values(click).map(({label, hoverMs, medianMs, p90Ms, minMs, maxMs}) => [
      label,
      {
        hoverMs,
        medianMs: round(medianMs),
        p90Ms: round(p90Ms),
        minMs: round(minMs),
        maxMs: round(maxMs),
      },
    ]),
  ),
);
console.log(
  `(b)/(a) = ${ratioSame.toFixed(2)} (target ≤ ${targets.sameOrigin}): ${verdict(ratioSame <= targets.sameOrigin)}`,
);
console.log(
  `(d)/(c) = ${ratioToken.toFixed(2)} (target ≤ ${targets.token}): ${verdict(ratioToken <= targets.token)}`,
);
console.log(
  `Without a hover (touch): (b)/(a) = ${(click.b0.medianMs / click.a.medianMs).toFixed(2)}, ` +
    `(d)/(c) = ${(click.d0.medianMs / click.c.medianMs).toFixed(2)}`,
);

console.log(`\n3. Page cost: ${page.buttons} buttons, median of ${page.runs} loads each`);
console.table({
  [`${page.buttons} × <om-join-button>`]: {ms: round(page.ourMs)},
  [`${page.buttons} × <button>`]: {ms: round(page.plainMs)},
});
console.log(
  `ratio ${page.ratio.toFixed(2)}; requests before any interaction: ${page.requestsBeforeInteraction} (must be 0): ${verdict(page.requestsBeforeInteraction === 0)}`,
);

// Three rounds that take turns, so a busy moment of the machine does not fall on one endpoint;
// each row is the round with the median rate.
const endpoints: Array<[string, EndpointKind]> = [
  ['naive: login + hash per request', {kind: 'naive'}],
  ['ours, no pool', {kind: 'ours', pool: false}],
  ['ours, SID pool of 20', {kind: 'ours', pool: {size: 20}}],
];
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const runs = new Map<string, ThroughputFigures[]>(endpoints.map(([label]) => [label, []]));
for (let round = 0; round < rounds; round++) {
  for (const [label, kind] of endpoints) runs.get(label)!.push(await throughput(label, kind));
}
const rows = endpoints.map(([label]) => {
  const sorted = runs.get(label)!.sort((a, b) => a.joinsPerSecond - b.joinsPerSecond);

  return sorted[Math.floor(sorted.length / 2)];
});
console.log(
  `\n4. Token endpoint throughput: loopback, emulator, ${rows[0].clients} clients, ${rows[0].seconds} s, median of ${rounds} rounds`,
);
console.table(
  Object.fromEntries(
    rows.map((r) => [
      r.label,
      {
        joinsPerSecond: round(r.joinsPerSecond, 0),
        p50Ms: round(r.p50Ms),
        p99Ms: round(r.p99Ms),
        omCallsPerJoin: round(r.omCallsPerJoin, 2),
        omConnections: r.omConnections,
        failed: r.failed,
      },
    ]),
  ),
);

const transport = await transportCost();
console.log(
  'Where the time per OpenMeetings call goes: logins per second, one process, loopback, median of 5 rounds',
);
console.table(
  Object.fromEntries(
    transport.map(({label, callsPerSecond}) => [label, {callsPerSecond: round(callsPerSecond, 0)}]),
  ),
);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  bundle,
  featureCosts: costs,
  click: {delayMs, pressMs, joins, scenarios: click, ratioSame, ratioToken, targets},
  page,
  throughput: rows,
  transport,
};
await mkdir('bench/results', {recursive: true});
await writeFile('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWritten to bench/results/latest.json');
