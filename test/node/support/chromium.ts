import puppeteer, {type Browser, type ConsoleMessage, type Page} from 'puppeteer-core';
import {chromeArgs, findChrome} from '../../../scripts/chrome.js';

/**
 * Chromium with its popup blocker on. Puppeteer passes --disable-popup-blocking by default,
 * which would let a late window.open through and prove nothing.
 */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
}

/** Resolves with the first console line of `page` that starts with `prefix`. */
export function consoleLine(page: Page, prefix: string): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (message: ConsoleMessage) => {
      if (!message.text().startsWith(prefix)) return;
      page.off('console', onMessage);
      resolve(message.text());
    };
    page.on('console', onMessage);
  });
}
