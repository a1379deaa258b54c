#!/usr/bin/env node
// Browser checks for Coproduce. See e2e/README.md.
//
//   node e2e/run.mjs --binary target/debug/coproduce   self-test, then the real server
//   node e2e/run.mjs --only fixtures                    the self-test alone
//   node e2e/run.mjs --binary PATH --only server        the real server alone
//
// Other options: --max-pages N (default 400), --password TEXT,
// --email ADDRESS (default the demo admin), --keep-data (keep the server's
// data folder). Output lands in e2e/out/ (HTML served, screenshots, report.json,
// server.log). The last line is "e2e: N passed, M failed"; the exit code is
// 0 only when nothing failed.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser, CHROMIUM_PATH } from './lib/browser.mjs';
import { Report } from './lib/report.mjs';
import { runSelfTest } from './lib/selftest.mjs';
import { runSite } from './lib/site.mjs';
import { startCoproduce } from './lib/servers.mjs';
import { findVnuJar } from './lib/nu.mjs';
import states, { STAFF_EMAIL, FINANCE_EMAIL } from './states.mjs';
import journeys from './journeys.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEMO_PASSWORD = 'orchard kettle marble 2026';

const { values: args } = parseArgs({
  options: {
    binary: { type: 'string' },
    only: { type: 'string' },
    'max-pages': { type: 'string', default: '400' },
    password: { type: 'string', default: DEMO_PASSWORD },
    email: { type: 'string', default: STAFF_EMAIL },
    'keep-data': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(here, 'out') },
  },
});

const report = new Report();
const outDir = path.resolve(args.out);
const started = performance.now();
let exitCode = 1;

function finish() {
  const secs = (performance.now() - started) / 1000;
  report.time('total', secs * 1000);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report.toJSON(), null, 2));
  const t = report.timings.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', ');
  console.log(`timings: ${t}`);
  console.log(`e2e: ${report.passed} passed, ${report.failed} failed`);
  exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
}

async function main() {
  const only = args.only || '';
  if (!['', 'fixtures', 'server'].includes(only)) throw new Error(`--only takes "fixtures" or "server", not "${only}"`);
  if (only !== 'fixtures' && !args.binary) throw new Error('give --binary PATH_TO_coproduce (or --only fixtures for the self-test alone)');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: run bash e2e/setup.sh`);
  if (!findVnuJar()) throw new Error('the Nu HTML Checker is missing: run bash e2e/setup.sh');
  const binary = args.binary ? path.resolve(args.binary) : null;
  if (binary && !existsSync(binary)) throw new Error(`no server binary at ${binary}`);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const browser = await launchBrowser();
  try {
    if (only !== 'server') {
      console.log('self-test on the fixtures');
      await runSelfTest({ browser, report, outDir });
    }
    if (only !== 'fixtures') {
      console.log(`the real server: ${path.relative(process.cwd(), binary) || binary} demo`);
      const setup = report.group('server starts');
      let server;
      let t0 = performance.now();
      try {
        server = await startCoproduce({
          binary,
          password: args.password,
          logFile: path.join(outDir, 'server.log'),
          keepData: args['keep-data'],
        });
        setup.pass();
        setup.print(`listening at ${server.url}, data in ${server.dataDir}`);
      } catch (err) {
        setup.fail(`${binary} demo`, err.message.split('\n'));
        setup.print();
        return;
      }
      report.time('server start', performance.now() - t0);
      t0 = performance.now();
      try {
        const r = await runSite({
          browser,
          base: server.url,
          report,
          outDir,
          credentials: { email: args.email, password: args.password },
          starts: [
            { path: '/', signedIn: false },
            { path: '/staff', signedIn: true },
            // Payment runs are for finance officers alone.
            { path: '/staff/payments', signedIn: FINANCE_EMAIL, within: '/staff/payments' },
          ],
          states,
          journeys: journeys({ email: args.email, password: args.password }),
          maxPages: Number(args['max-pages']),
        });
        for (const [k, v] of Object.entries(r.timing)) report.time(k, v);
        console.log(`pages visited: ${r.pages.length} (list in ${path.relative(process.cwd(), path.join(outDir, 'pages.txt'))})`);
      } finally {
        const g = report.group('server keeps running');
        g.check(!server.exited, 'the server ran until the end', server.exited ? [`it exited during the run: ${JSON.stringify(server.exited)}; see ${path.join(outDir, 'server.log')}`] : []);
        if (server.exited) g.print();
        await server.stop();
        report.time('real server checks', performance.now() - t0);
      }
    }
  } finally {
    await browser.close();
  }
}

const guard = setTimeout(() => {
  console.log('e2e: the run took more than 30 minutes; stopping');
  report.group('run time').fail('the whole run', 'over 30 minutes');
  finish();
  process.exit(1);
}, 30 * 60 * 1000);
guard.unref();

try {
  await main();
} catch (err) {
  report.group('runner').fail('the run could not go on', err.stack ? err.stack.split('\n').slice(0, 6) : String(err));
  report.groups.at(-1).print();
}
finish();
process.exit(exitCode);
