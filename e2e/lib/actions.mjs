// Actions for the extra states in e2e/states.mjs: each takes the page from
// where it is to the state to check (an error message, a filled form...).
// Fields and buttons are found the way a person finds them: by their label
// or their visible name.
import { settle, track } from './browser.mjs';

// Types a value into the field with this label (RegExp or exact text).
export const fill = (label, value) => ({
  label: `fill ${label}`,
  async run(s) {
    await s.page.getByLabel(label).first().fill(value);
  },
});

// Ticks a checkbox or chooses a radio button by its label.
export const check = (label) => ({
  label: `tick ${label}`,
  async run(s) {
    await s.page.getByLabel(label).first().check();
  },
});

// Picks an option in a select by its label and the option's text.
export const select = (label, option) => ({
  label: `select ${option} in ${label}`,
  async run(s) {
    await s.page.getByLabel(label).first().selectOption({ label: option });
  },
});

// Presses the button with this name, or with no name the first submit
// button inside <main>, and waits for the page that comes back. A form that
// browser validation stops (a `required` attribute, say) fails here:
// GOV.UK forms use `novalidate` and show the server's own error messages.
export const submit = (name) => ({
  label: name ? `press the ${name} button` : 'submit the form',
  async run(s) {
    const button = name
      ? s.page.getByRole('button', { name }).first()
      : s.page.locator('main form button:not([type="button"]):not([type="reset"]), main form input[type="submit"]').first();
    const navBefore = s.t.navSeq;
    await button.click();
    try {
      await settle(s.t, { navBefore, expect: true });
    } catch (err) {
      const blocked = await s.page.evaluate(() => [...document.querySelectorAll('form')].some((f) => !f.noValidate && !f.checkValidity())).catch(() => false);
      if (blocked) throw new Error(`${err.message}: the browser's own validation stopped the form (a required or type attribute, and no novalidate on the form)`);
      throw err;
    }
  },
});

// Follows the link with this name (RegExp or exact text).
export const followLink = (name) => ({
  label: `follow the link ${name}`,
  async run(s) {
    const navBefore = s.t.navSeq;
    await s.page.getByRole('link', { name }).first().click();
    await settle(s.t, { navBefore, expect: true });
  },
});

// Opens another address in the same session.
export const open = (path) => ({
  label: `open ${path}`,
  async run(s) {
    await s.page.goto(s.base + path);
  },
});

// Chooses a file for the file input with this label (a path relative to e2e/).
export const upload = (label, file) => ({
  label: `choose the file ${file} for ${label}`,
  async run(s) {
    const here = new URL('..', import.meta.url).pathname;
    await s.page.getByLabel(label).first().setInputFiles(here + file);
  },
});

// Opens the <details> element whose summary says this (RegExp or text).
export const expand = (summary) => ({
  label: `open the details ${summary}`,
  async run(s) {
    await s.page.locator('summary', { hasText: summary }).first().click();
  },
});

// The web address written in an element, such as a personal link shown to
// staff to read out or post, as a path on the server under test.
export async function addressIn(page, selector) {
  const text = (await page.locator(selector).first().innerText()).trim();
  let u;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`${selector} holds ${JSON.stringify(text.slice(0, 80))}, not a web address`);
  }
  return u.pathname + u.search;
}

// Opens the web address written in an element as the person it is for
// would: on their own, without the staff member's session (the cookies
// are cleared first).
export const openLinkFrom = (selector) => ({
  label: `open the address written in ${selector}, signed out`,
  async run(s) {
    const path = await addressIn(s.page, selector);
    await s.page.context().clearCookies();
    await s.page.goto(s.base + path);
  },
});

// Runs actions in a second tab of the same session, opened at the page's
// own address, then comes back to the first tab as it was: someone acts
// first, as when two people approve the same claim at once.
export const inAnotherTab = (...actions) => ({
  label: `in another tab: ${actions.map((a) => a.label).join(', ')}`,
  async run(s) {
    const page = await s.page.context().newPage();
    try {
      const other = { page, t: track(page), base: s.base };
      await page.goto(s.page.url());
      for (const action of actions) await action.run(other);
    } finally {
      await page.close();
    }
  },
});
