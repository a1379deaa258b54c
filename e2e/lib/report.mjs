// Collects results into named check groups and prints one line per group.
// Every item in a group counts once towards the closing "e2e: N passed, M failed".

export class Report {
  constructor() {
    this.groups = [];
    this.timings = [];
  }

  group(name) {
    const g = new Group(name);
    this.groups.push(g);
    return g;
  }

  time(label, ms) {
    this.timings.push([label, ms]);
  }

  get passed() {
    return this.groups.reduce((n, g) => n + g.passed, 0);
  }

  get failed() {
    return this.groups.reduce((n, g) => n + g.failures.length, 0);
  }

  toJSON() {
    return {
      passed: this.passed,
      failed: this.failed,
      groups: this.groups.map((g) => ({
        name: g.name,
        passed: g.passed,
        failures: g.failures,
        note: g.note,
      })),
      timings: Object.fromEntries(this.timings.map(([k, v]) => [k, Math.round(v) / 1000])),
    };
  }
}

class Group {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failures = []; // { item, lines: [] }
    this.note = '';
    this.printed = false;
  }

  pass() {
    this.passed += 1;
  }

  fail(item, lines = []) {
    this.failures.push({ item, lines: Array.isArray(lines) ? lines : [String(lines)] });
  }

  check(ok, item, lines) {
    if (ok) this.pass();
    else this.fail(item, lines);
    return ok;
  }

  // One line for the group, then the details of each failure, indented.
  print(summary = '') {
    if (this.printed) return;
    this.printed = true;
    const total = this.passed + this.failures.length;
    const status = this.failures.length === 0 ? 'ok  ' : 'FAIL';
    const counts = this.failures.length === 0
      ? `${total} checked`
      : `${this.failures.length} of ${total} failed`;
    const extra = summary || this.note;
    console.log(`${status} ${this.name}: ${counts}${extra ? `; ${extra}` : ''}`);
    for (const f of this.failures) {
      console.log(`       - ${f.item}`);
      for (const l of f.lines) console.log(`           ${l}`);
    }
  }
}
