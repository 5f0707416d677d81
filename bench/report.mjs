// Turns a bench/run.sh results folder (meta.json + measurements.jsonl) into results.json and a markdown report
// on stdout. Usage: node bench/report.mjs RESULTS_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/report.mjs RESULTS_DIR');
  process.exit(2);
}
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const measurements = readFileSync(join(dir, 'measurements.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const ms = (us) => us / 1000;
const find = (lat, target, c) => measurements.find((m) => m.upstream_latency_ms === lat && m.target === target && m.concurrency === c);
const gateways = ['tiergate', 'portkey'];

const rows = measurements.map((m) => {
  const direct = find(m.upstream_latency_ms, 'direct', m.concurrency);
  const n = m.wrk.requests;
  const e = m.wrk.errors;
  const gatewayCpu = gateways.includes(m.target) ? m.cpu_s[m.target] : null;
  const known = m.cpu_s.tiergate + m.cpu_s.portkey + m.cpu_s.upstream + m.cpu_s.wrk + (m.cpu_s.machine_irq ?? 0);
  return {
    upstream_latency_ms: m.upstream_latency_ms,
    target: m.target,
    concurrency: m.concurrency,
    requests: n,
    rps: m.wrk.rps,
    errors: e.connect + e.read + e.write + e.status + e.timeout,
    p50_ms: ms(m.wrk.latency_us.p50),
    p99_ms: ms(m.wrk.latency_us.p99),
    added_p50_ms: direct && m.target !== 'direct' ? ms(m.wrk.latency_us.p50 - direct.wrk.latency_us.p50) : null,
    added_p99_ms: direct && m.target !== 'direct' ? ms(m.wrk.latency_us.p99 - direct.wrk.latency_us.p99) : null,
    rss_peak_mb: gatewayCpu === null ? null : m.rss_kb.peak / 1024,
    gateway_cpu_cores: gatewayCpu === null ? null : gatewayCpu / m.duration_s,
    gateway_cpu_us_per_request: gatewayCpu === null || n === 0 ? null : (1e6 * gatewayCpu) / n,
    upstream_cpu_cores: m.cpu_s.upstream / m.duration_s,
    wrk_cpu_cores: m.cpu_s.wrk / m.duration_s,
    machine_busy_pct: (100 * m.cpu_s.machine_busy) / (m.cpu_s.machine_busy + m.cpu_s.machine_idle),
    // CPU used by anything but the gateways, the upstream, wrk and the kernel's irq/softirq work (other
    // engineers' builds, services...), in cores
    other_cpu_cores: Math.max(0, m.cpu_s.machine_busy - known) / (m.elapsed_s ?? m.duration_s),
    loadavg_1m_before: m.loadavg_1m_before,
  };
});

const row = (lat, target, c) => rows.find((r) => r.upstream_latency_ms === lat && r.target === target && r.concurrency === c);
const maxRss = (target) => Math.max(0, ...rows.filter((r) => r.target === target).map((r) => r.rss_peak_mb ?? 0));

const targets = [];
const tg1 = row(0, 'tiergate', 1);
const tg32 = row(0, 'tiergate', 32);
const pk32 = row(0, 'portkey', 32);
// a negative difference means the direct baseline's p99 was disturbed more than the gateway's: no verdict
const addedOk = (v) => (v < 0 ? null : v <= 1);
if (tg1) targets.push({ target: 'added p99 <= 1 ms at concurrency 1 (0 ms upstream)', value: tg1.added_p99_ms, unit: 'ms', met: addedOk(tg1.added_p99_ms) });
const tg1s = row(50, 'tiergate', 1);
if (tg1s) targets.push({ target: 'added p99 <= 1 ms at concurrency 1 (50 ms upstream)', value: tg1s.added_p99_ms, unit: 'ms', met: addedOk(tg1s.added_p99_ms) });
if (tg32) targets.push({ target: '>= 3,000 req/s at concurrency 32 (0 ms upstream)', value: tg32.rps, unit: 'req/s', met: tg32.rps >= 3000 && tg32.errors === 0 });
if (tg32 && pk32) targets.push({ target: '>= 5x Portkey throughput at concurrency 32 (0 ms upstream)', value: tg32.rps / pk32.rps, unit: 'x', met: tg32.rps / pk32.rps >= 5 });
if (tg32) targets.push({ target: 'RSS <= 300 MB under the concurrency-32 load (0 ms upstream)', value: tg32.rss_peak_mb, unit: 'MB', met: tg32.rss_peak_mb <= 300 });
if (rows.some((r) => r.target === 'tiergate')) targets.push({ target: 'RSS <= 300 MB, peak over the whole run', value: maxRss('tiergate'), unit: 'MB', met: maxRss('tiergate') <= 300 });

const results = { ...meta, rows, targets, measurements };
writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const f = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(d));
const out = [];
out.push(`### Run ${meta.started_utc}`);
out.push('');
out.push(`Machine: ${meta.machine.cpus} CPUs (${meta.machine.cpu_model}), ${(meta.machine.mem_total_kb / 1048576).toFixed(1)} GiB, `
  + `kernel ${meta.machine.kernel}; load average before: ${meta.machine.loadavg_before.split(' ').slice(0, 3).join(' ')}, CPU ${meta.machine.busy_pct_before}% busy just before. `
  + `${meta.versions.java}; Node ${meta.versions.node}; ${meta.versions.nginx}; ${meta.versions.wrk}; Portkey gateway ${meta.versions.portkey}; `
  + `Tiergate ${meta.versions.tiergate_commit}${meta.versions.tiergate_tree_dirty ? ' + uncommitted changes' : ''}. `
  + `TIERGATE_JAVA_OPTS="${meta.settings.tiergate_java_opts}", config ${meta.settings.tiergate_config ?? 'bench/tiergate-bench.yaml'}. ${meta.settings.duration_s} s per measurement, wrk with 1 thread${meta.settings.nice ? `, benchmark processes at nice ${meta.settings.nice}` : ''}.`);
out.push('');
for (const lat of [...new Set(rows.map((r) => r.upstream_latency_ms))]) {
  out.push(`Upstream latency ${lat} ms:`);
  out.push('');
  out.push('| target | conc. | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | errors | peak RSS MB | gateway CPU (cores) | gateway CPU µs/req | other CPU (cores) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows.filter((x) => x.upstream_latency_ms === lat)) {
    out.push(`| ${r.target} | ${r.concurrency} | ${f(r.rps, 0)} | ${f(r.p50_ms, 3)} | ${f(r.p99_ms, 3)} | ${f(r.added_p50_ms, 3)} | ${f(r.added_p99_ms, 3)} | `
      + `${r.errors} | ${f(r.rss_peak_mb, 0)} | ${f(r.gateway_cpu_cores, 2)} | ${f(r.gateway_cpu_us_per_request, 0)} | ${f(r.other_cpu_cores, 2)} |`);
  }
  out.push('');
}
if (targets.length) {
  out.push('| Tiergate target | measured | met |');
  out.push('|---|---:|---|');
  for (const t of targets) out.push(`| ${t.target} | ${f(t.value, t.unit === 'req/s' ? 0 : 2)} ${t.unit} | ${t.met === null ? 'inconclusive (baseline noisier)' : t.met ? 'yes' : '**no**'} |`);
  out.push('');
}
console.log(out.join('\n'));
