import {mkdir, writeFile} from 'node:fs/promises';
import {bundleFigures} from './bundle.js';
import {clickScenarios, clickToRoom, type ClickFigures} from './click.js';
import {pageCost} from './page-cost.js';
import {startStage} from './stage.js';
import {throughput} from './throughput.js';

// Run `npm run build` first: the benchmarks measure the built IIFE, as a site would load it.
const joins = Number(process.env.BENCH_JOINS ?? 20);
const delayMs = 100;

const bundle = await bundleFigures();
console.log('\nBundle (IIFE, all in)');
console.table({
  ours: {gzip: bundle.gzip, brotli: bundle.brotli},
  'floor (Lit + ky, minimal)': {gzip: bundle.floorGzip, brotli: bundle.floorBrotli},
});
console.log(
  `above floor: ${bundle.aboveFloor} B gzip (budget ${bundle.budgetAboveFloor}); ` +
    `total budget ${bundle.budgetGzip} B: ${bundle.pass ? 'met' : 'MISSED'}`,
);

const stage = await startStage(delayMs);
const click: Record<string, ClickFigures> = {};
let page;
try {
  for (const label of Object.keys(clickScenarios) as Array<keyof typeof clickScenarios>) {
    click[label] = await clickToRoom(stage, label, joins);
  }
  page = await pageCost(stage);
} finally {
  await stage.close();
}
const ratioSame = click['b ours same-origin'].medianMs / click['a naive same-origin'].medianMs;
const ratioToken = click['d ours token'].medianMs / click['c naive server'].medianMs;
console.log(`\nClick to room (each hop ${delayMs} ms, press 80 ms, median of ${joins})`);
console.table(Object.fromEntries(Object.values(click).map((c) => [c.label, c])));
console.log(`(b)/(a) = ${ratioSame.toFixed(2)} (target ≤ 0.5): ${ratioSame <= 0.5 ? 'met' : 'MISSED'}`);
console.log(`(d)/(c) = ${ratioToken.toFixed(2)} (target ≤ 0.6): ${ratioToken <= 0.6 ? 'met' : 'MISSED'}`);

console.log('\nPage cost (500 buttons)');
console.table({[page.buttons]: page});
console.log(`requests before interaction: ${page.requestsBeforeInteraction} (must be 0)`);

const naive = await throughput('login + hash per join', false);
const pooled = await throughput('SID pool', {size: 20});
console.log('\nToken endpoint throughput (loopback, emulator, 50 clients)');
console.table({[naive.label]: naive, [pooled.label]: pooled});

const results = {
  date: new Date().toISOString(),
  bundle,
  click: {scenarios: click, ratioSame, ratioToken, delayMs},
  page,
  throughput: [naive, pooled],
};
await mkdir('bench/results', {recursive: true});
await writeFile('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWritten to bench/results/latest.json');
