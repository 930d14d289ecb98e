// Renders the demo page in light and dark colour schemes, with one button in its error state,
// for the README. Run: npx tsx scripts/screenshots.ts
import puppeteer from 'puppeteer-core';
import {chromeArgs, findChrome} from './chrome.js';
import {startDemo} from './demo-server.js';

const {url, server} = await startDemo({port: 0});
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
});
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage();
    await page.setViewport({width: 760, height: 1000, deviceScaleFactor: 1});
    await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
    await page.goto(url, {waitUntil: 'networkidle0'});
    // Show the error state: the button whose endpoint has a wrong service password.
    const failing = await page.$('om-join-button[token-endpoint="/api/om/join-broken"]');
    await failing?.click();
    await page.waitForSelector('om-join-button[error]', {timeout: 10_000});
    for (const popup of (await browser.pages()).filter((p) => p !== page)) await popup.close();
    await page.mouse.move(0, 0);
    await page.screenshot({path: `demo/screenshot-${scheme}.png`, fullPage: true});
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
