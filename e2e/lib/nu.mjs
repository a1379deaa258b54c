// The Nu HTML Checker (vnu.jar from the npm package vnu-jar, installed by
// setup.sh), run once over a folder of saved pages: starting the JVM is the
// slow part, so one run checks every page.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function findVnuJar() {
  if (process.env.E2E_VNU_JAR) return process.env.E2E_VNU_JAR;
  const npmJar = path.join(here, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  if (existsSync(npmJar)) return npmJar;
  return null;
}

// Messages that would fail the run but are not faults of ours. Each entry
// says why it is here. Only "error" messages fail the run; "info" messages
// (warnings included) are counted and not shown.
export const NU_FILTERS = [
  // (none yet)
];

export async function runNu(dir) {
  const jar = findVnuJar();
  if (!jar) throw new Error('vnu.jar not found: run `bash e2e/setup.sh` (it installs the npm package vnu-jar)');
  const stdout = await new Promise((resolve, reject) => {
    execFile('java', ['-Xss1m', '-jar', jar, '--format', 'json', '--stdout', dir], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    }, (err, out, errOut) => {
      // vnu exits 1 when it found errors; only a missing or unreadable
      // report is a failure of the checker itself.
      if (out && out.trim().startsWith('{')) resolve(out);
      else reject(new Error(`the Nu HTML Checker did not run: ${err ? err.message : ''} ${errOut || ''}`.trim()));
    });
  });
  const messages = JSON.parse(stdout).messages || [];
  const errors = [];
  let infos = 0;
  let filtered = 0;
  for (const m of messages) {
    if (m.type !== 'error' && m.type !== 'non-document-error') {
      infos += 1;
      continue;
    }
    if (NU_FILTERS.some((f) => f.test(m))) {
      filtered += 1;
      continue;
    }
    errors.push({
      file: m.url ? path.basename(fileURLToPath(m.url)) : '(checker)',
      line: m.lastLine,
      column: m.firstColumn ?? m.lastColumn,
      message: m.message,
      extract: (m.extract || '').replace(/\s+/g, ' ').trim(),
    });
  }
  return { errors, infos, filtered };
}
