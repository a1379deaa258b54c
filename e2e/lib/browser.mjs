// Starts Debian's Chromium through playwright-core. No browser is ever downloaded.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

// The flags this machine needs: without the background-networking ones
// Chromium keeps trying hosts that the closed network refuses.
// --headless is set by playwright's `headless: true`, and playwright gives
// every launch a fresh, empty user-data-dir of its own (it refuses a
// --user-data-dir flag in `args`), so neither is listed here.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const SMALL = { width: 320, height: 640 };

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

export async function newContext(browser, { javaScriptEnabled = true, storageState } = {}) {
  const context = await browser.newContext({
    viewport: DESKTOP,
    javaScriptEnabled,
    storageState,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

// Keeps track of what the main frame of a page loads, so callers can wait for
// a navigation that a key press or click may have started, read the raw HTML
// the server sent (not the DOM after scripts ran), and collect page errors.
export function track(page) {
  const t = {
    page,
    navSeq: 0,
    loadSeq: 0,
    lastNavAt: 0,
    lastLoadAt: 0,
    lastDoc: null, // last main-frame document response
    errors: [],
  };
  page.on('request', (req) => {
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      t.navSeq += 1;
      t.lastNavAt = performance.now();
    }
  });
  page.on('response', (res) => {
    const req = res.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      t.lastDoc = res;
    } else if (res.status() >= 400) {
      t.errors.push(`${req.resourceType()} ${shortUrl(res.url())} answered ${res.status()}`);
    }
  });
  page.on('requestfailed', (req) => {
    if (req.isNavigationRequest()) return; // reported through the navigation itself
    const why = req.failure()?.errorText || 'failed';
    if (why.includes('ERR_ABORTED')) return; // a load cut short by the next navigation
    t.errors.push(`${req.resourceType()} ${shortUrl(req.url())} failed: ${why}`);
  });
  page.on('load', () => {
    t.loadSeq += 1;
    t.lastLoadAt = performance.now();
  });
  page.on('pageerror', (err) => t.errors.push(`script error: ${err.message.split('\n')[0]}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Responses >= 400 are reported above with their address; the console
    // repeats them without it, and an expected 404 page would trip it.
    if (text.startsWith('Failed to load resource')) return;
    t.errors.push(`console error: ${text.split('\n')[0]}`);
  });
  return t;
}

export function shortUrl(u) {
  try {
    const x = new URL(u);
    if (x.protocol === 'data:') return 'data: URL';
    return x.pathname + x.search;
  } catch {
    return u;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Call after an action that may navigate. If a main-frame navigation starts
// within `startWithin` ms, waits for its load event and returns true; else
// returns false, or throws when `expect` is set. Works with JavaScript off
// too (it polls events on the node side, nothing runs in the page).
export async function settle(t, { navBefore, expect = false, startWithin = expect ? 3_000 : 700, timeout = 30_000 } = {}) {
  const before = navBefore ?? t.navSeq;
  const started = performance.now();
  while (t.navSeq === before && performance.now() - started < startWithin) {
    await sleep(20);
  }
  if (t.navSeq === before) {
    if (expect) throw new Error(`no page load followed within ${startWithin / 1000}s`);
    return false;
  }
  const waitStart = performance.now();
  while (!(t.lastLoadAt > t.lastNavAt)) {
    if (performance.now() - waitStart > timeout) {
      throw new Error(`the page did not finish loading within ${timeout / 1000}s`);
    }
    await sleep(20);
  }
  return true;
}

// The raw HTML of the current document as the server sent it.
export async function rawHtml(t) {
  if (t.lastDoc) {
    try {
      return { html: await t.lastDoc.text(), status: t.lastDoc.status(), raw: true };
    } catch {
      // fall through
    }
  }
  return { html: await t.page.content(), status: t.lastDoc?.status() ?? 0, raw: false };
}
