// Keyboard-only journeys: a journey is a name and a list of steps, each using
// the keyboard alone (Tab, Shift+Tab, Enter, Space, typing). Every Tab press
// is checked: the focused element must be visible and have a visible focus
// indicator, and focus must never cycle inside one part of the page.
//
// Add a journey in e2e/journeys.mjs, for example:
//
//   keyboardJourney('find the get involved page', [
//     go('/'),
//     tabTo({ role: 'link', name: /get involved/i }),
//     press('Enter'),
//     expectPath('/get-involved'),
//     expectHeading(/get involved/i),
//   ])
//
// A matcher picks an element by any of: role ('link', 'button', 'textbox',
// 'checkbox', 'radio', 'combobox'), name (its accessible name: link text,
// button text, or label), label (for form fields), selector (CSS).
import { settle } from './browser.mjs';
import { focusProblems, inPage, tabOnce, walkFocus } from './page-checks.mjs';
import { addressIn } from './actions.mjs';

export function keyboardJourney(name, steps, { signedIn = false, onFixtures = false } = {}) {
  return { name, steps: steps.flat(), signedIn, onFixtures };
}

const test = (pattern, s) => (pattern instanceof RegExp ? pattern.test(s || '') : (s || '').trim().toLowerCase() === String(pattern).toLowerCase());

export function matches(info, m) {
  if (!info || info.atBody) return false;
  if (m.role && info.role !== m.role) return false;
  if (m.name && !test(m.name, info.name)) return false;
  if (m.label && !test(m.label, info.label)) return false;
  if (m.selector && !info.matches) return false;
  return true;
}

export function showMatcher(m) {
  const parts = [];
  if (m.role) parts.push(m.role);
  if (m.name) parts.push(`named ${m.name}`);
  if (m.label) parts.push(`labelled ${m.label}`);
  if (m.selector) parts.push(`matching ${m.selector}`);
  return parts.join(' ') || 'anything';
}

const where = (info) => (info.atBody ? 'the page itself (focus left the page)' : info.desc);

// Opens a page by address (the one step that is not a key press).
export const go = (path) => ({
  label: `open ${path}`,
  async run(k) {
    const res = await k.page.goto(k.base + path);
    if (!res || res.status() >= 400) throw new Error(`${path} answered ${res ? res.status() : 'nothing'}`);
  },
});

// Opens the web address written on the page in an element (such as a
// personal link that staff read out to someone) as the person it is for
// would type it: on their own, without the staff member's session.
export const goToLinkFrom = (selector) => ({
  label: `open the address written in ${selector}, signed out`,
  async run(k) {
    const path = await addressIn(k.page, selector);
    await k.page.context().clearCookies();
    const res = await k.page.goto(k.base + path);
    if (!res || res.status() >= 400) throw new Error(`${path} answered ${res ? res.status() : 'nothing'}`);
  },
});

// Presses Tab once; with a matcher, focus must land on that element.
export const tab = (m) => ({
  label: m ? `Tab to ${showMatcher(m)}` : 'Tab',
  async run(k) {
    const info = await k.tab(m?.selector);
    if (m && !matches(info, m)) throw new Error(`focus is on ${where(info)}, expected ${showMatcher(m)}`);
  },
});

// Presses Shift+Tab once.
export const shiftTab = (m) => ({
  label: m ? `Shift+Tab to ${showMatcher(m)}` : 'Shift+Tab',
  async run(k) {
    const info = await k.tab(m?.selector, true);
    if (m && !matches(info, m)) throw new Error(`focus is on ${where(info)}, expected ${showMatcher(m)}`);
  },
});

// Presses Tab until focus is on the element; past the end of the page focus
// leaves to the browser and comes back at the top, as it would for a person.
export const tabTo = (m, { max = 120 } = {}) => ({
  label: `Tab to ${showMatcher(m)}`,
  async run(k) {
    const seen = new Map();
    let firstId = null;
    let wrapped = false;
    for (let i = 0; i < max; i += 1) {
      const info = await k.tab(m.selector);
      if (matches(info, m)) return;
      if (info.atBody) {
        if (wrapped) break;
        wrapped = true;
        continue;
      }
      if (firstId === null) firstId = info.id;
      if (seen.has(info.id)) {
        // Back at the first stop (headless Chromium may skip <body> at the
        // end of the page) or past the end: all the way round. Anywhere
        // else: a trap.
        if (wrapped || info.id === firstId) throw new Error(`went all the way round the page without reaching ${showMatcher(m)}`);
        throw new Error(`focus is trapped: it came back to ${info.desc} without leaving the page`);
      }
      seen.set(info.id, i);
    }
    throw new Error(`did not reach ${showMatcher(m)} within ${max} Tab presses`);
  },
});

// Presses a key (Enter, Space, Escape, ArrowDown...). Waits for the page
// load it starts, if any.
export const press = (key) => ({
  label: `press ${key}`,
  async run(k) {
    const navBefore = k.t.navSeq;
    await k.page.keyboard.press(key === 'Space' ? ' ' : key);
    await settle(k.t, { navBefore });
  },
});

// Types into the focused field.
export const type = (text, { secret = false } = {}) => ({
  label: secret ? 'type the password' : `type ${JSON.stringify(text)}`,
  async run(k) {
    const info = await inPage(k.page, 'focusInfo("")');
    if (!info.editable) throw new Error(`focus is on ${where(info)}, which does not take typing`);
    await k.page.keyboard.type(text);
  },
});

// Focus is on (or inside) the element. With JavaScript off, following a
// link to a fragment leaves the browser's focus on the page but moves its
// starting point for Tab there; we accept that when the very next Tab
// lands inside the element (that Tab is pressed and checked as usual).
export const expectFocus = (selector) => ({
  label: `focus is on ${selector}`,
  async run(k) {
    const ok = await k.page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);
    if (ok) return;
    if (!k.js) {
      const info = await k.tab(selector);
      const inside = await k.page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);
      if (inside) return;
      throw new Error(`after the skip, the next Tab went to ${where(info)}, not into ${selector}`);
    }
    const now = await inPage(k.page, 'focusInfo("")');
    throw new Error(`focus is on ${where(now)}, not ${selector}`);
  },
});

// The page open has this path: exact text, or a RegExp for paths with ids.
export const expectPath = (path) => ({
  label: `page ${path} is open`,
  async run(k) {
    const now = new URL(k.page.url());
    const status = k.t.lastDoc?.status() ?? 0;
    const ok = path instanceof RegExp ? path.test(now.pathname) : now.pathname === path;
    if (!ok) throw new Error(`the page open is ${now.pathname}${now.search} (it answered ${status}), not ${path}`);
    if (status >= 400) throw new Error(`${path} answered ${status}`);
  },
});

export const expectHeading = (text) => ({
  label: text ? `the h1 says ${text}` : 'the page has an h1',
  async run(k) {
    const h1 = await k.page.evaluate(() => document.querySelector('h1')?.innerText.trim() || '');
    if (!h1) throw new Error(`no h1 on ${new URL(k.page.url()).pathname}`);
    if (text && !test(text, h1)) throw new Error(`the h1 says "${h1}", expected ${text}`);
  },
});

// The page's main content says this (a RegExp), such as a success message.
export const expectText = (pattern) => ({
  label: `the page says ${pattern}`,
  async run(k) {
    const text = await k.page.evaluate(() => (document.querySelector('main') || document.body).innerText);
    if (!pattern.test(text)) throw new Error(`the page does not say ${pattern}`);
  },
});

// Tabs through the whole page: every stop visible with a focus indicator,
// and focus leaves the page at the end instead of cycling.
export const tabThrough = () => ({
  label: 'Tab through the whole page',
  async run(k) {
    const r = await walkFocus(k.page);
    k.problems.push(...r.problems.map((p) => `${new URL(k.page.url()).pathname}: ${p}`));
    if (r.trapped) throw new Error(r.problems.at(-1));
  },
});

// Runs one journey in a fresh page. Returns { ok, lines } for the report.
export async function runJourney(journey, k) {
  const done = [];
  for (const [i, step] of journey.steps.entries()) {
    try {
      await step.run(k);
      done.push(step.label);
    } catch (err) {
      return {
        ok: false,
        lines: [
          `step ${i + 1} "${step.label}" failed on ${safePath(k.page)}: ${err.message.split('\n')[0]}`,
          ...(done.length ? [`steps done: ${done.slice(-4).join(' > ')}`] : []),
          ...(k.trail.length ? [`last focus stops: ${k.trail.slice(-5).join(' > ')}`] : []),
          ...k.problems,
        ],
      };
    }
  }
  return { ok: k.problems.length === 0, lines: k.problems };
}

function safePath(page) {
  try {
    const u = new URL(page.url());
    return u.pathname + u.search + u.hash;
  } catch {
    return page.url();
  }
}

// The object steps are given: page, base address, tracker, JS on or off,
// and tab(), which presses Tab and checks the focus stop.
export function journeyContext({ page, base, t, js }) {
  const k = {
    page,
    base,
    t,
    js,
    trail: [],
    problems: [],
    async tab(selector, shift = false) {
      const info = await tabOnce(page, { selector, shift });
      k.trail.push(info.atBody ? '(left the page)' : info.desc);
      for (const p of focusProblems(info)) {
        const msg = `${new URL(page.url()).pathname}: ${p}`;
        if (!k.problems.includes(msg)) k.problems.push(msg);
      }
      return info;
    },
  };
  return k;
}
