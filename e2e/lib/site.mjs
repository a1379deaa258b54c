// Runs every check group against one site: crawl (with axe-core, focus walk,
// small screen, page errors on each page), the extra states, the Nu HTML
// Checker over all the HTML served, and the keyboard journeys with
// JavaScript on and off.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newContext, rawHtml, settle, shortUrl, track } from './browser.mjs';
import { runAxe, walkFocus, checkSmallScreen, describeOverflow } from './page-checks.mjs';
import { journeyContext, runJourney } from './keyboard.mjs';
import { runNu } from './nu.mjs';

// Never followed by the crawler: signing out would end the session, and
// these are not pages for people.
export const CRAWL_SKIP = [/^\/sign-out(\/|$)/, /^\/assets\//, /^\/api\//, /^\/metrics(\/|$)/, /^\/healthz(\/|$)/];

export async function signInStorage(browser, base, { email, password }) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const t = track(page);
  try {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel(/email/i).first().fill(email);
    await page.getByLabel(/password/i).first().fill(password);
    const navBefore = t.navSeq;
    await page.getByRole('button', { name: /sign in/i }).first().click();
    await settle(t, { navBefore, expect: true });
    const u = new URL(page.url());
    if (u.pathname.startsWith('/sign-in')) {
      const err = await page.evaluate(() => document.querySelector('.govuk-error-summary')?.innerText.replace(/\s+/g, ' ').trim() || '');
      throw new Error(`signing in as ${email} did not work: still on ${u.pathname}, which answered ${t.lastDoc?.status() ?? 'nothing'}${err ? ` (${err})` : ''}`);
    }
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export async function runSite(opts) {
  const {
    browser, base, label = '', report, outDir, credentials, starts, states = [], journeys = [],
    maxPages = 400, quiet = false,
  } = opts;
  const G = {
    crawl: report.group(`${label}crawl`),
    links: report.group(`${label}links answer`),
    axe: report.group(`${label}axe-core (WCAG 2.2 A and AA)`),
    nu: report.group(`${label}Nu HTML Checker`),
    focus: report.group(`${label}focus: Tab through every page`),
    small: report.group(`${label}small screen (320 x 640)`),
    errors: report.group(`${label}page errors (scripts, console, assets)`),
    states: report.group(`${label}states`),
    jsOn: report.group(`${label}keyboard journeys, JavaScript on`),
    jsOff: report.group(`${label}keyboard journeys, JavaScript off`),
  };
  const print = (g, summary) => { if (!quiet) g.print(summary); };
  const htmlDir = path.join(outDir, 'html');
  mkdirSync(htmlDir, { recursive: true });
  const files = new Map(); // file name -> where it came from
  let fileNo = 0;
  const timing = {};
  const clock = (k, t0) => { timing[k] = (timing[k] || 0) + (performance.now() - t0); };

  // `signedIn` is true for the default account, or another account's
  // email (same password), such as a finance officer's.
  const storage = new Map();
  const failedSignIns = new Set();
  async function signInAs(signedIn) {
    if (!signedIn || !credentials) return null;
    const email = signedIn === true ? credentials.email : signedIn;
    if (!storage.has(email) && !failedSignIns.has(email)) {
      try {
        storage.set(email, await signInStorage(browser, base, { ...credentials, email }));
      } catch (err) {
        failedSignIns.add(email);
        G.crawl.fail(`sign in as ${email}`, err.message);
      }
    }
    return storage.get(email) || null;
  }
  if (credentials && starts.some((s) => s.signedIn)) await signInAs(true);

  // Runs the per-page checks on the page as it is now.
  async function checkPage(page, t, where, { walk = true } = {}) {
    const { html, status, raw } = await rawHtml(t);
    fileNo += 1;
    const file = `${String(fileNo).padStart(3, '0')}.html`;
    writeFileSync(path.join(htmlDir, file), html);
    files.set(file, `${where}${raw ? '' : ' (HTML from the DOM: the raw response was not available)'}`);

    let t0 = performance.now();
    try {
      const violations = await runAxe(page);
      G.axe.check(violations.length === 0, where, violations.flatMap((v) => [
        `${v.id} (${v.impact}): ${v.help}`,
        ...v.nodes.slice(0, 5).map((n) => `  at ${n.target}: ${n.html}`),
        ...(v.nodes.length > 5 ? [`  ...and ${v.nodes.length - 5} more`] : []),
      ]));
    } catch (err) {
      G.axe.fail(where, `axe-core did not run: ${err.message.split('\n')[0]}`);
    }
    clock('axe', t0);

    if (walk) {
      t0 = performance.now();
      try {
        const r = await walkFocus(page);
        G.focus.check(r.ok, where, r.problems);
      } catch (err) {
        G.focus.fail(where, `the focus walk stopped: ${err.message.split('\n')[0]}`);
      }
      clock('focus', t0);
    }

    t0 = performance.now();
    try {
      const o = await checkSmallScreen(page);
      if (!o.ok) {
        const shot = path.join(outDir, 'screens', `${file.replace('.html', '')}-320.png`);
        mkdirSync(path.dirname(shot), { recursive: true });
        await page.setViewportSize({ width: 320, height: 640 });
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        await page.setViewportSize({ width: 1280, height: 800 });
        G.small.fail(where, [...describeOverflow(o), `screenshot: ${path.relative(process.cwd(), shot)}`]);
      } else {
        G.small.pass();
      }
    } catch (err) {
      G.small.fail(where, `could not measure: ${err.message.split('\n')[0]}`);
    }
    clock('small', t0);

    G.errors.check(t.errors.length === 0, where, [...new Set(t.errors)]);
    t.errors.length = 0;
    return { status, html };
  }

  // ------------------------------------------------------------ crawl
  // A page's shape: its path with numbers as ":n", and its query's names.
  const PER_SHAPE = 3;
  const shapeOf = (u) => {
    const names = [...new URL(u.href).searchParams.keys()].sort().join('&');
    return `${u.pathname.replace(/\/\d+(?=\/|$)/g, '/:n')}?${names}`;
  };
  let t0 = performance.now();
  const pages = [];
  let capHit = false;
  for (const start of starts) {
    const startState = await signInAs(start.signedIn);
    if (start.signedIn && !startState) continue;
    const who = start.signedIn === true ? 'signed in' : start.signedIn ? `as ${start.signedIn}` : 'public';
    const context = await newContext(browser, { storageState: startState || undefined });
    const page = await context.newPage();
    const t = track(page);
    const seen = new Set();
    // Pages of one shape (a person's record, the next page of a list) are
    // checked a few times, not once per record: they share one template.
    const shapes = new Map();
    const queue = [{ url: new URL(start.path, base).href, from: '(start)' }];
    seen.add(keyOf(queue[0].url));
    while (queue.length) {
      if (pages.length >= maxPages) {
        capHit = true;
        break;
      }
      const { url, from } = queue.shift();
      const p = shortUrl(url);
      const where = `${p} (${who})`;
      t.errors.length = 0;
      let res;
      try {
        res = await page.goto(url);
      } catch (err) {
        if (/Download is starting/.test(err.message)) {
          G.links.pass();
          pages.push({ who, path: p, download: true });
          continue;
        }
        G.links.fail(`${where}, linked from ${from}`, `did not load: ${err.message.split('\n')[0]}`);
        continue;
      }
      const status = res ? res.status() : 0;
      if (!G.links.check(status > 0 && status < 400, `${where}, linked from ${from}`, `answered ${status}`)) continue;
      const finalKey = keyOf(page.url());
      if (finalKey !== keyOf(url)) {
        // A redirect: check where it landed, once.
        if (seen.has(finalKey)) continue;
        seen.add(finalKey);
      }
      const type = res.headers()['content-type'] || '';
      if (!type.includes('text/html')) {
        pages.push({ who, path: p, type });
        continue;
      }
      const landed = shortUrl(page.url());
      const whereNow = landed === p ? where : `${landed} (${who}, via ${p})`;
      pages.push({ who, path: landed });
      G.crawl.pass();

      const links = await page.$$eval('a[href]', (as) => as.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
      for (const href of links) {
        let u;
        try { u = new URL(href); } catch { continue; }
        if (u.origin !== new URL(base).origin) continue;
        if (CRAWL_SKIP.some((re) => re.test(u.pathname))) continue;
        // A start may keep its crawl to one part of the site.
        if (start.within && !u.pathname.startsWith(start.within)) continue;
        u.hash = '';
        const k = keyOf(u.href);
        if (seen.has(k)) continue;
        const shape = shapeOf(u);
        if ((shapes.get(shape) || 0) >= PER_SHAPE) continue;
        shapes.set(shape, (shapes.get(shape) || 0) + 1);
        seen.add(k);
        queue.push({ url: u.href, from: landed });
      }
      await checkPage(page, t, whereNow);
    }
    await context.close();
  }
  if (capHit) G.crawl.fail(`stopped at the cap of ${maxPages} pages`, 'a link pattern may be generating endless addresses; raise --max-pages if the site really is this big');
  clock('crawl (with per-page checks)', t0);

  // ------------------------------------------------------------ states
  t0 = performance.now();
  for (const state of states) {
    const where = `state "${state.name}"`;
    const stateStorage = await signInAs(state.signedIn);
    if (state.signedIn && !stateStorage) {
      G.states.fail(where, 'not signed in: signing in failed earlier');
      continue;
    }
    const context = await newContext(browser, { storageState: stateStorage || undefined });
    const page = await context.newPage();
    const t = track(page);
    const s = { page, t, base };
    try {
      const res = await page.goto(base + state.path);
      if (!state.expect?.status && res && res.status() >= 400) throw new Error(`${state.path} answered ${res.status()}`);
      for (const action of state.actions || []) {
        try {
          await action.run(s);
        } catch (err) {
          throw new Error(`could not ${action.label}: ${err.message.split('\n')[0]}`);
        }
      }
      const problems = [];
      const status = t.lastDoc?.status() ?? 0;
      // A form sent back with errors may answer 400 or 422, so only 5xx
      // fails here, unless the state names the status it expects.
      if (state.expect?.status && status !== state.expect.status) problems.push(`expected status ${state.expect.status}, got ${status}`);
      if (!state.expect?.status && status >= 500) problems.push(`answered ${status}`);
      if (state.expect?.selector) {
        const n = await page.locator(state.expect.selector).count();
        if (n === 0) problems.push(`expected ${state.expect.selector} on the page, none found (page: ${shortUrl(page.url())})`);
      }
      if (state.expect?.text) {
        const body = await page.evaluate(() => document.body.innerText);
        if (!state.expect.text.test(body)) problems.push(`expected text ${state.expect.text} on the page`);
      }
      if (problems.length) {
        G.states.fail(where, problems);
      } else {
        G.states.pass();
        await checkPage(page, t, `${where} at ${shortUrl(page.url())}`);
      }
    } catch (err) {
      G.states.fail(where, err.message.split('\n')[0]);
    }
    await context.close();
  }
  clock('states', t0);

  // -------------------------------------------------- Nu HTML Checker
  // Started now and awaited after the journeys: the JVM works while the
  // browser does.
  t0 = performance.now();
  const nuRun = fileNo > 0 ? runNu(htmlDir).then((r) => { clock('Nu HTML Checker', t0); return r; }, (err) => ({ failed: err })) : null;

  // ---------------------------------------------------------- journeys
  const t1 = performance.now();
  for (const js of [true, false]) {
    const g = js ? G.jsOn : G.jsOff;
    for (const journey of journeys) {
      const journeyStorage = await signInAs(journey.signedIn);
      if (journey.signedIn && !journeyStorage) {
        g.fail(journey.name, 'not signed in: signing in failed earlier');
        continue;
      }
      const context = await newContext(browser, { javaScriptEnabled: js, storageState: journeyStorage || undefined });
      const page = await context.newPage();
      const t = track(page);
      const k = journeyContext({ page, base, t, js });
      const r = await runJourney(journey, k);
      g.check(r.ok, journey.name, r.lines);
      await context.close();
    }
  }
  clock('keyboard journeys', t1);

  if (nuRun) {
    const r = await nuRun;
    if (r.failed) {
      G.nu.fail('running the checker', r.failed.message);
    } else {
      const byFile = new Map();
      for (const e of r.errors) {
        if (!byFile.has(e.file)) byFile.set(e.file, []);
        byFile.get(e.file).push(`line ${e.line}: ${e.message}  [${e.extract}]`);
      }
      for (const [file, where] of files) {
        const errs = byFile.get(file);
        G.nu.check(!errs, `${where} (saved as ${path.relative(process.cwd(), path.join(htmlDir, file))})`, errs || []);
      }
      G.nu.note = `${r.infos} info message(s) and warning(s) not counted${r.filtered ? `, ${r.filtered} filtered` : ''}`;
    }
  }

  const who = (w) => pages.filter((p) => p.who === w).length;
  print(G.crawl, `${pages.length} pages visited (${who('public')} public, ${who('signed in')} signed in)`);
  for (const k of ['links', 'axe', 'nu', 'focus', 'small', 'errors', 'states', 'jsOn', 'jsOff']) print(G[k]);
  writeFileSync(path.join(outDir, 'pages.txt'), pages.map((p) => `${p.who}\t${p.path}${p.type ? `\t${p.type}` : ''}${p.download ? '\tdownload' : ''}`).join('\n') + '\n');
  return { groups: G, pages, timing };
}

function keyOf(href) {
  const u = new URL(href);
  return u.pathname + u.search;
}
