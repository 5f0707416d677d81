// Summarises JFR execution samples (`jfr print --json --events jdk.ExecutionSample REC > samples.json`):
// share of samples per component by top frame, per component anywhere on the stack, the hottest top frames,
// the first non-JDK frame (which library made the JDK do that work) and Tiergate's own methods, inclusive.
// Usage: node bench/jfr-summary.mjs samples.json [TOP=25] [STACKS_FOR_REGEX]
//   STACKS_FOR_REGEX: also print the most common stacks (10 frames) whose top frames match it
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
const stacksFor = process.argv[4] ? new RegExp(process.argv[4]) : null;
const doc = JSON.parse(readFileSync(file, 'utf8'));
const events = (doc.recording?.events ?? []).filter((e) => e.type === 'jdk.ExecutionSample' || e.type === 'jdk.CPUTimeSample');

const components = [
  ['Tiergate', /^dev\.tiergate\./],
  ['SQLite (ledger store)', /^org\.sqlite\./],
  ['JDK regex', /^java\.util\.regex\./],
  ['Helidon', /^io\.helidon\./],
  ['JDK HttpClient', /^(jdk\.internal\.net\.http|java\.net\.http)\./],
  ['Jackson', /^com\.fasterxml\.jackson\./],
  ['Micrometer/Prometheus', /^(io\.micrometer|io\.prometheus)\./],
  ['SnakeYAML/config', /^org\.yaml\./],
  ['JDK NIO/sockets', /^(sun\.nio|java\.nio|sun\.net|java\.net)\./],
  ['JDK virtual threads/concurrency', /^(java\.util\.concurrent|jdk\.internal\.vm|java\.lang\.VirtualThread|java\.lang\.Thread|jdk\.internal\.misc)/],
  ['JDK crypto/security', /^(sun\.security|java\.security|javax\.crypto|com\.sun\.crypto)\./],
  ['JDK other', /^(java|javax|jdk|sun|com\.sun)\./],
];
const cls = (f) => (f.method?.type?.name ?? '?').replaceAll('/', '.');
const componentOf = (cls) => (components.find(([, re]) => re.test(cls)) ?? ['other'])[0];
const isJdk = (cls) => /^(java|javax|jdk|sun|com\.sun)\./.test(cls);

const name = (f) => `${cls(f)}.${f.method?.name ?? '?'}`;
const bump = (m, k, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);

const byType = new Map();
for (const e of events) bump(byType, e.type);
for (const [type, n] of byType) {
  const samples = events.filter((e) => e.type === type);
  const selfComponent = new Map();
  const anyComponent = new Map();
  const selfMethod = new Map();
  const firstNonJdk = new Map();
  const tiergateInclusive = new Map();
  const threads = new Map();
  for (const e of samples) {
    const frames = e.values?.stackTrace?.frames ?? [];
    if (!frames.length) continue;
    const top0 = frames[0];
    bump(selfComponent, componentOf(cls(top0)));
    bump(selfMethod, name(top0));
    const seen = new Set(frames.map((f) => componentOf(cls(f))));
    for (const c of seen) bump(anyComponent, c);
    const lib = frames.find((f) => !isJdk(cls(f)));
    bump(firstNonJdk, lib ? name(lib) : '(JDK only: ' + name(frames[frames.length - 1]) + ')');
    const own = new Set(frames.filter((f) => /^dev\.tiergate\./.test(cls(f))).map(name));
    for (const m of own) bump(tiergateInclusive, m);
    const t = e.values?.sampledThread ?? e.values?.eventThread;
    const tn = t?.virtual ? '(virtual threads)' : (t?.javaName || t?.osName || '?').replace(/\d+/g, 'N');
    bump(threads, tn);
  }
  const pct = (k) => ((100 * k) / n).toFixed(1).padStart(5) + '%';
  console.log(`-- ${type}: ${n} samples`);
  console.log('by component of the top frame (self):');
  for (const [k, v] of sorted(selfComponent)) console.log(`  ${pct(v)}  ${k}`);
  console.log('by component anywhere on the stack (inclusive):');
  for (const [k, v] of sorted(anyComponent)) console.log(`  ${pct(v)}  ${k}`);
  console.log(`top ${top} top frames (self):`);
  for (const [k, v] of sorted(selfMethod).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
  console.log(`top ${top} first non-JDK frames (who made the JDK work):`);
  for (const [k, v] of sorted(firstNonJdk).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
  console.log(`top ${top} Tiergate methods (inclusive):`);
  for (const [k, v] of sorted(tiergateInclusive).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
  if (stacksFor) {
    const stacks = new Map();
    for (const e of samples) {
      const frames = e.values?.stackTrace?.frames ?? [];
      const idx = frames.findIndex((f) => stacksFor.test(name(f)));
      if (idx < 0 || idx > 5) continue;
      bump(stacks, frames.slice(0, 14).map(name).join('\n      <- '));
    }
    console.log(`stacks with ${stacksFor} near the top:`);
    for (const [k, v] of sorted(stacks).slice(0, 8)) console.log(`  ${pct(v)}  ${k}`);
  }
  console.log('by thread name:');
  for (const [k, v] of sorted(threads).slice(0, 12)) console.log(`  ${pct(v)}  ${k}`);
}
