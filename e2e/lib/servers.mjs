// The two servers the runner talks to: the real Coproduce binary in demo mode,
// and a tiny static server for the self-test fixtures (kept out of the real
// routes on purpose).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startCoproduce({ binary, password, logFile, keepData = false, timeoutMs = 120_000 }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'coproduce-e2e-'));
  const args = ['demo', '--addr', '127.0.0.1:0', '--data-dir', dataDir, '--demo-password', password];
  const log = createWriteStream(logFile);
  log.write(`$ ${binary} ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\n`);
  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_BACKTRACE: '1' },
  });
  let output = '';
  let url = null;
  let exited = null;
  const onData = (chunk) => {
    const s = chunk.toString();
    log.write(s);
    if (output.length < 200_000) output += s;
    if (!url) {
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) url = m[0];
    }
  };
  // Both streams are read to the end, always: a full pipe would stall the server.
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    log.write(`\n[server exited: code ${code} signal ${signal}]\n`);
  });
  child.on('error', (err) => {
    exited = { code: null, signal: null, error: err.message };
  });

  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && !exited; i += 1) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    await new Promise((r) => log.end(r));
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  const started = Date.now();
  while (!url) {
    if (exited) {
      await stop();
      throw new Error(`the server exited before it printed its address (${exited.error || `code ${exited.code}, signal ${exited.signal}`}). Its output:\n${tail(output)}`);
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`the server printed no http://127.0.0.1:PORT line within ${timeoutMs / 1000}s. Its output:\n${tail(output)}`);
    }
    await sleep(50);
  }

  // It says it listens; make sure it answers.
  for (let i = 0; ; i += 1) {
    try {
      const res = await fetch(`${url}/`, { redirect: 'manual' });
      await res.arrayBuffer();
      break;
    } catch (err) {
      if (i > 100 || exited) {
        await stop();
        throw new Error(`the server at ${url} does not answer: ${err.message}. Its output:\n${tail(output)}`);
      }
      await sleep(100);
    }
  }

  return {
    url,
    dataDir,
    get output() { return output; },
    get exited() { return exited; },
    stop,
  };
}

function tail(s, n = 40) {
  return s.split('\n').slice(-n).map((l) => `    ${l}`).join('\n');
}

// ------------------------------------------------------------- fixtures

const FIXTURE_ROUTES = {
  '/': 'index.html',
  '/sign-in': 'sign-in.html',
  '/staff': 'staff.html',
  '/faulty': 'faulty.html',
  '/assets/fixture.css': 'fixture.css',
  '/assets/fixture.js': 'fixture.js',
};

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export async function startFixtureServer(dir) {
  const read = (name) => readFileSync(path.join(dir, name));
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    const send = (status, name, headers = {}) => {
      res.writeHead(status, { 'content-type': TYPES[path.extname(name)] || 'application/octet-stream', 'cache-control': 'no-store', ...headers });
      res.end(read(name));
    };
    if (req.method === 'POST' && u.pathname === '/sign-in') {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        const f = new URLSearchParams(body);
        if (f.get('email') && f.get('password')) {
          res.writeHead(303, { location: '/staff', 'set-cookie': 'fixture_session=1; Path=/; HttpOnly; SameSite=Lax' });
          res.end();
        } else {
          send(200, 'sign-in-error.html');
        }
      });
      return;
    }
    if (req.method === 'GET' && u.pathname === '/staff' && !/fixture_session=1/.test(req.headers.cookie || '')) {
      res.writeHead(303, { location: '/sign-in' });
      res.end();
      return;
    }
    const name = FIXTURE_ROUTES[u.pathname];
    if (req.method === 'GET' && name && existsSync(path.join(dir, name))) {
      send(200, name);
      return;
    }
    send(404, 'not-found.html');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}
