// Checks run inside one loaded page: axe-core, the focus walk (Tab through the
// whole page), and overflow at a 320px wide viewport.
//
// The in-page code runs through page.evaluate, which works with JavaScript
// turned off for the page (the DevTools protocol runs it, not the page) and
// is not blocked by the page's Content-Security-Policy, so the server's real
// CSP stays in force while we check.
import { createRequire } from 'node:module';
import { DESKTOP, SMALL } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// ---------------------------------------------------------------- axe-core

export async function runAxe(page) {
  const has = await page.evaluate('typeof window.axe === "object"');
  if (!has) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', '),
        html: n.html.replace(/\s+/g, ' ').slice(0, 240),
      })),
    }));
  }, AXE_TAGS);
}

// ------------------------------------------------------- in-page helpers
// Installed once per document as window.__e2e (it vanishes on navigation,
// which is what we want: the baseline styles belong to one document).

function installHelpers() {
  if (window.__e2e) return window.__e2e;

  const PROPS = [
    'outline-style', 'outline-width', 'outline-color',
    'box-shadow', 'background-color', 'color',
    'text-decoration-line', 'text-decoration-thickness', 'text-decoration-color',
    'border-top-style', 'border-top-width', 'border-top-color',
    'border-right-style', 'border-right-width', 'border-right-color',
    'border-bottom-style', 'border-bottom-width', 'border-bottom-color',
    'border-left-style', 'border-left-width', 'border-left-color',
  ];
  const FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';

  const ids = new WeakMap();
  let nextId = 1;
  const idOf = (el) => {
    if (!ids.has(el)) ids.set(el, nextId++);
    return ids.get(el);
  };

  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const transparent = (c) => !c || c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);

  // The nodes whose look may carry a focus indicator for `el`: the element,
  // its pseudo-elements, its labels (GOV.UK radios and checkboxes draw the
  // indicator on the label's ::before), its next sibling, and its parent
  // (for :focus-within styles).
  function related(el) {
    const out = [['element', el, null], ['element::before', el, '::before'], ['element::after', el, '::after']];
    const labels = el.labels ? [...el.labels] : [];
    labels.forEach((l, i) => {
      out.push([`label${i}`, l, null], [`label${i}::before`, l, '::before'], [`label${i}::after`, l, '::after']);
    });
    const sib = el.nextElementSibling;
    if (sib) out.push(['next', sib, null], ['next::before', sib, '::before'], ['next::after', sib, '::after']);
    if (el.parentElement) out.push(['parent', el.parentElement, null]);
    return out;
  }

  function signature(el) {
    const sig = {};
    for (const [key, node, pseudo] of related(el)) {
      const cs = getComputedStyle(node, pseudo);
      if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
      const o = {};
      for (const p of PROPS) o[p] = cs.getPropertyValue(p);
      sig[key] = o;
    }
    return sig;
  }

  // Which differences between unfocused and focused look a person can see.
  function visibleChanges(base, now) {
    const changes = [];
    for (const key of Object.keys(now)) {
      const a = base[key];
      const b = now[key];
      if (!a) continue;
      for (const p of Object.keys(b)) {
        if (a[p] === b[p]) continue;
        if (p.startsWith('outline')) {
          if (b['outline-style'] === 'none' || parseFloat(b['outline-width']) === 0 || transparent(b['outline-color'])) continue;
        }
        if (p === 'box-shadow' && b[p] === 'none') continue;
        if (p.startsWith('border') && p.endsWith('color') && b[p.replace('color', 'style')] === 'none') continue;
        if (p === 'background-color' && transparent(a[p]) && transparent(b[p])) continue;
        changes.push(`${key} ${p}: ${a[p]} -> ${b[p]}`);
      }
    }
    return changes;
  }

  function absoluteIndicator(el) {
    const cs = getComputedStyle(el);
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor)) return 'outline';
    if (cs.boxShadow && cs.boxShadow !== 'none') return 'box-shadow';
    return '';
  }

  function isVisible(n) {
    const r = n.getBoundingClientRect();
    const cs = getComputedStyle(n);
    if (r.width < 2 || r.height < 2) return false;
    if (cs.visibility !== 'visible' || Number(cs.opacity) === 0) return false;
    if (/rect\(0px,? 0px,? 0px,? 0px\)/.test(cs.clip) || cs.clipPath === 'inset(50%)') return false;
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= vh || r.left >= vw) return false;
    return true;
  }

  function role(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit;
    const t = el.tagName;
    if (t === 'A' || t === 'AREA') return el.hasAttribute('href') ? 'link' : '';
    if (t === 'BUTTON' || t === 'SUMMARY') return 'button';
    if (t === 'SELECT') return 'combobox';
    if (t === 'TEXTAREA') return 'textbox';
    if (t === 'INPUT') {
      const map = { submit: 'button', button: 'button', reset: 'button', image: 'button', checkbox: 'checkbox', radio: 'radio', range: 'slider' };
      return map[el.type] || 'textbox';
    }
    return t.toLowerCase();
  }

  function labelText(el) {
    const parts = [];
    if (el.labels) for (const l of el.labels) parts.push(l.innerText);
    const by = el.getAttribute('aria-labelledby');
    if (by) for (const id of by.split(/\s+/)) { const n = document.getElementById(id); if (n) parts.push(n.innerText); }
    if (el.getAttribute('aria-label')) parts.push(el.getAttribute('aria-label'));
    return clean(parts.join(' '));
  }

  function name(el) {
    const label = labelText(el);
    if (label) return label;
    if (el.tagName === 'INPUT') return clean(el.value || el.getAttribute('title') || el.getAttribute('placeholder'));
    return clean(el.innerText || el.textContent || el.getAttribute('title'));
  }

  function describe(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = [...el.classList].slice(0, 3);
    if (cls.length) s += `.${cls.join('.')}`;
    const n = name(el).slice(0, 60);
    return n ? `${s} "${n}"` : s;
  }

  function deepActive() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  const base = new WeakMap();
  let baseTaken = false;

  const api = {
    // Records how each focusable element looks while it does not have focus.
    ensureBase() {
      if (baseTaken) return;
      baseTaken = true;
      const active = deepActive();
      for (const el of document.querySelectorAll(FOCUSABLE)) {
        if (el === active) continue;
        base.set(el, signature(el));
      }
    },

    focusableCount() {
      return document.querySelectorAll(FOCUSABLE).length;
    },

    focusInfo(selector) {
      const el = deepActive();
      if (!el || el === document.body || el === document.documentElement) return { atBody: true };
      const info = {
        atBody: false,
        id: idOf(el),
        tag: el.tagName.toLowerCase(),
        role: role(el),
        name: name(el),
        label: labelText(el),
        desc: describe(el),
        html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 200),
        inMain: !!el.closest('main, #main-content'),
        isMain: el.matches('main, #main-content'),
        matches: selector ? el.matches(selector) : false,
        editable: el.matches('input:not([type="checkbox"]):not([type="radio"]):not([type="submit"]):not([type="button"]), textarea, [contenteditable=""], [contenteditable="true"]'),
      };
      if (el.tagName === 'IFRAME') {
        // What is inside a frame is checked on its own page.
        info.indicator = true;
        info.visible = true;
        return info;
      }
      const now = signature(el);
      const before = base.get(el);
      const selfVisible = isVisible(el);
      if (before) {
        // A control that is itself invisible (GOV.UK radios and checkboxes
        // are opacity: 0 under their label) shows focus only through the
        // nodes around it, so its own changes do not count.
        const changes = visibleChanges(before, now).filter((c) => selfVisible || !c.startsWith('element'));
        info.indicator = changes.length > 0;
        info.indicatorHow = changes.slice(0, 3).join('; ');
      } else {
        const how = absoluteIndicator(el);
        info.indicator = !!how;
        info.indicatorHow = how ? `${how} (no unfocused baseline)` : 'no outline or box-shadow, and no unfocused baseline';
      }
      info.visible = selfVisible || (el.labels ? [...el.labels].some(isVisible) : false);
      return info;
    },

    // Whether the document is wider than the viewport, and if so which
    // elements stick out. Content inside a scrolling or clipping container
    // that itself fits (for example a table wrapped in overflow-x: auto) is
    // allowed: the container scrolls, the page does not.
    overflow() {
      window.scrollTo(0, 0);
      const de = document.documentElement;
      const vw = de.clientWidth;
      const sw = de.scrollWidth;
      if (sw <= vw + 1) return { ok: true, vw, sw };
      const clipped = (el) => {
        for (let a = el.parentElement; a && a !== document.body && a !== de; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (/auto|scroll|hidden|clip/.test(s.overflowX)) {
            if (a.getBoundingClientRect().right <= vw + 1) return true;
          }
        }
        return false;
      };
      const offenders = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right <= vw + 1) continue;
        if (getComputedStyle(el).position === 'fixed') continue;
        if (clipped(el)) continue;
        offenders.push({ el, right: r.right, width: r.width });
      }
      let text = null;
      if (offenders.length === 0) {
        // Nothing's box sticks out, so text does: find the deepest element
        // whose content is wider than it (a long unbroken word or address).
        for (const el of document.body.querySelectorAll('*')) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && !clipped(el)) text = el;
        }
      }
      offenders.sort((a, b) => b.width - a.width || b.right - a.right);
      const top = offenders.slice(0, 3).map((o) => ({
        desc: describe(o.el),
        html: o.el.outerHTML.replace(/\s+/g, ' ').slice(0, 160),
        width: Math.round(o.width),
        right: Math.round(o.right),
      }));
      return {
        ok: false,
        vw,
        sw,
        count: offenders.length,
        top,
        text: text ? { desc: describe(text), html: text.outerHTML.replace(/\s+/g, ' ').slice(0, 160), width: text.scrollWidth } : null,
      };
    },
  };
  window.__e2e = api;
  return api;
}

const HELPERS = `(${installHelpers.toString()})()`;

export function inPage(page, call) {
  return page.evaluate(`${HELPERS}.${call}`);
}

// ------------------------------------------------------------- focus walk

// Presses Tab once and reports where focus went, with the focus checks.
export async function tabOnce(page, { shift = false, selector } = {}) {
  await inPage(page, 'ensureBase()');
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  return inPage(page, `focusInfo(${JSON.stringify(selector || '')})`);
}

// Problems with one focus stop: no visible indicator, or not visible at all.
export function focusProblems(info) {
  const p = [];
  if (info.atBody) return p;
  if (!info.visible) p.push(`focus went to an element that cannot be seen: ${info.desc} ${info.html}`);
  else if (!info.indicator) p.push(`no visible focus indicator on ${info.desc} (${info.indicatorHow || 'focused and unfocused look the same'}) ${info.html}`);
  return p;
}

// Tabs through the whole page. Passes when focus leaves the page (to the
// browser) after visiting every stop once, with a visible indicator at each;
// fails when focus comes back to a stop before leaving (a trap).
export async function walkFocus(page, { maxTabs } = {}) {
  const count = await inPage(page, 'focusableCount()');
  const limit = maxTabs ?? Math.min(600, count * 2 + 10);
  const start = await inPage(page, 'focusInfo("")');
  const seen = new Map(); // id -> index in order
  const order = [];
  const problems = [];
  // The walk ends when focus has gone all the way round: it left the page
  // (focus on <body>) having started there, or it came back to the first
  // stop. Headless Chromium sometimes goes from the last stop straight back
  // to the first without stopping on <body>. Coming back to any other stop
  // already seen, without leaving the page first, is a trap.
  let passedBody = false;
  for (let i = 0; i < limit; i += 1) {
    const info = await tabOnce(page);
    if (info.atBody) {
      if (start.atBody || passedBody || order.length === 0) return { ok: problems.length === 0, stops: order.length, problems };
      passedBody = true;
      continue;
    }
    if (seen.has(info.id)) {
      if (passedBody || info.id === order[0].id) return { ok: problems.length === 0, stops: order.length, problems };
      const from = seen.get(info.id);
      const cycle = order.slice(from).map((o) => o.desc);
      problems.push(`focus is trapped: Tab keeps cycling through ${cycle.length} element(s) without leaving the page: ${cycle.slice(0, 6).join(' -> ')}`);
      return { ok: false, stops: order.length, problems, trapped: true };
    }
    seen.set(info.id, order.length);
    order.push(info);
    problems.push(...focusProblems(info));
  }
  problems.push(`focus did not leave the page within ${limit} Tab presses (${count} focusable elements)`);
  return { ok: false, stops: order.length, problems };
}

// ---------------------------------------------------------- small screens

export async function checkSmallScreen(page) {
  await page.setViewportSize(SMALL);
  try {
    return await inPage(page, 'overflow()');
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

export function describeOverflow(o) {
  const lines = [`page is ${o.sw}px wide in a ${o.vw}px viewport`];
  if (o.top?.length) {
    lines.push(`${o.count} element(s) stick out past the right edge; widest:`);
    for (const t of o.top) lines.push(`  ${t.desc}, ${t.width}px wide, right edge at ${t.right}px: ${t.html}`);
  } else if (o.text) {
    lines.push(`content wider than its box (long unbroken text?) in ${o.text.desc}, ${o.text.width}px: ${o.text.html}`);
  }
  return lines;
}
