// The self-test: proves the checks catch known faults, and pass clean pages.
//
// e2e/fixtures/ holds a small clean site (home, sign in, its error state,
// a staff page, a 404 page) and one faulty page with planted faults. They are
// served by a node server the runner starts on 127.0.0.1, never by the real
// application. The clean site must pass every check group, the sign-in
// keyboard journey included; on the faulty page every planted fault must be
// reported by the check meant to catch it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Report } from './report.mjs';
import { runSite } from './site.mjs';
import { startFixtureServer } from './servers.mjs';
import { fill, submit } from './actions.mjs';
import journeys from '../journeys.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'fixtures');

const FIXTURE_STATES = [
  { name: 'fixture sign in, sent empty', signedIn: false, path: '/sign-in', actions: [submit()], expect: { selector: '.govuk-error-summary' } },
  { name: 'fixture sign in, password only', signedIn: false, path: '/sign-in', actions: [fill(/password/i, 'x'), submit()], expect: { selector: '.govuk-error-summary' } },
  { name: 'fixture page not found', signedIn: false, path: '/no-such-page', actions: [], expect: { status: 404 } },
];

// What the faulty page must make each check group report.
const PLANTED = [
  ['axe', /^image-alt /m, 'axe-core reports the image without alt text (image-alt)'],
  ['axe', /^label /m, 'axe-core reports the field without a label (label)'],
  ['nu', /Duplicate ID/, 'the Nu HTML Checker reports the duplicate id'],
  ['nu', /Stray end tag/, 'the Nu HTML Checker reports the stray </div>'],
  ['small', /too-wide/, 'the small-screen check names the 600px box'],
  ['focus', /no visible focus indicator on a\.no-focus/, 'the focus walk reports the link without a focus indicator'],
  ['focus', /focus is trapped/, 'the focus walk reports the focus trap'],
  ['errors', /noSuchFunction/, 'page errors report the script that throws'],
  ['links', /\/missing-page.*answered 404/s, 'the crawl reports the broken link'],
  ['states', /govuk-error-summary/, 'a state whose expected content is missing fails'],
];

export async function runSelfTest({ browser, report, outDir }) {
  const fx = await startFixtureServer(FIXTURES);
  const t0 = performance.now();
  try {
    // 1. The clean fixture site: every group must pass.
    await runSite({
      browser,
      base: fx.url,
      label: 'fixtures (clean) · ',
      report,
      outDir: path.join(outDir, 'fixtures-clean'),
      credentials: { email: 'someone@example.org', password: 'fixture password' },
      starts: [{ path: '/', signedIn: false }, { path: '/staff', signedIn: true }],
      states: FIXTURE_STATES,
      // The fixture site has only the sign-in pages, so only the journeys
      // marked as running there are taken.
      journeys: journeys({ email: 'someone@example.org', password: 'fixture password' }).filter((j) => j.onFixtures),
    });

    // 2. The faulty page, through the same pipeline, into a report of its
    //    own that is not printed: we only read what it found.
    const faulty = new Report();
    const { groups } = await runSite({
      browser,
      base: fx.url,
      label: 'faulty · ',
      report: faulty,
      outDir: path.join(outDir, 'fixtures-faulty'),
      starts: [{ path: '/faulty', signedIn: false }],
      states: [{ name: 'expects an error summary that is not there', signedIn: false, path: '/faulty', actions: [], expect: { selector: '.govuk-error-summary' } }],
      journeys: [],
      quiet: true,
    });
    const g = report.group('fixtures (faulty) · planted faults caught');
    for (const [key, re, what] of PLANTED) {
      const text = groups[key].failures.map((f) => [f.item, ...f.lines].join('\n')).join('\n');
      g.check(re.test(text), what, [`not found in what "${groups[key].name}" reported:`, ...(text ? text.split('\n').slice(0, 12) : ['(it reported nothing)'])]);
    }
    g.print(`${PLANTED.length} planted faults`);
  } finally {
    await fx.stop();
    report.time('self-test', performance.now() - t0);
  }
}
