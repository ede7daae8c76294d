// The on-send check beside heavy requests (node, no packages): N closed loops of worst-case POST /api/v1/assess
// (a 200,000-character draft in which every sentence is flagged, the service's size limit) while POST
// /api/v1/send-check runs open loop at a fixed rate, latency measured from each check's scheduled start (no
// coordinated omission). First the send-check rate alone for a while, as the reference.
//
// Usage: node heavy-load.mjs --url http://127.0.0.1:5099 [--pid <service pid>] [--loops 8] [--rate 50] [--seconds 60]
//        [--quiet-seconds 10] [--budget 1500] [--words 300]
// Only loopback addresses are accepted; every loop is bounded in count and time. With --pid the service's resident
// memory is sampled every 250 ms from /proc and its peak (VmHWM) reported.
import http from "node:http";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { loopbackBase, openLoop, parseArgs, sendCheckBody } from "./common.mjs";

const args = parseArgs(process.argv.slice(2));
const base = loopbackBase(args.url);
const pid = args.pid ? Number(args.pid) : null;
const loops = Number(args.loops ?? 8);
const rate = Number(args.rate ?? 50);
const seconds = Number(args.seconds ?? 60);
const quietSeconds = Number(args["quiet-seconds"] ?? 10);
const budgetMs = Number(args.budget ?? 1500);
const words = Number(args.words ?? 300);

// The worst case: short insults up to the size limit, every sentence flagged.
const sizeLimit = 200000;
const insult = "You idiot. ";
const worst = Buffer.from(JSON.stringify({ draft: insult.repeat(Math.floor(sizeLimit / insult.length)), format: "text" }));

// Ordinary on-send checks: 300-word HTML replies, one in five hostile, each different.
const checks = Array.from({ length: 2000 }, (_, i) => sendCheckBody(i, words));

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function post(path, body, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.request(new URL(path, base), {
      method: "POST", agent, timeout: timeoutMs,
      headers: { "Content-Type": "application/json", "Content-Length": body.length },
    }, (response) => {
      const chunks = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode, body: Buffer.concat(chunks) }));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (e) => resolve({ status: 0, error: e.message, body: Buffer.alloc(0) }));
    request.end(body);
  });
}

const quantile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
const round = (x, digits = 1) => Number(x.toFixed(digits));
function latencies(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50ms: round(quantile(sorted, 0.5)), p90ms: round(quantile(sorted, 0.9)), p99ms: round(quantile(sorted, 0.99)), maxms: round(sorted.at(-1) ?? NaN) };
}

function memory() {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m")) ?? [])[1] ?? NaN);
    return { rssMb: round(kb("VmRSS") / 1024), peakMb: round(kb("VmHWM") / 1024) };
  } catch {
    return null;
  }
}
const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

// Open loop at `rate` for `duration` seconds: each check starts on schedule whether or not earlier ones answered.
async function sendChecks(duration) {
  const total = Math.round(rate * duration);
  const times = [];
  const reasons = {};
  let errors = 0;
  const elapsed = await openLoop(rate, total, (i, scheduled) => post("/api/v1/send-check", checks[i % checks.length], 10000).then((r) => {
    let decision = null;
    if (r.status === 200) { try { decision = JSON.parse(r.body); } catch { decision = null; } }
    if (!decision) { errors++; return; }
    times.push(performance.now() - scheduled);
    const key = `${decision.action}/${decision.reason}`;
    reasons[key] = (reasons[key] ?? 0) + 1;
  }));
  return { requests: total, errors, ...latencies(times), reasons, seconds: round(elapsed) };
}

// Closed loops of worst-case assess until `end`.
async function heavyLoops(end) {
  const times = [];
  const statuses = {};
  let bytesMin = Infinity, bytesMax = 0, partial = 0, spansMax = 0, suggestionsMax = 0;
  async function loop() {
    while (performance.now() < end) {
      const began = performance.now();
      const r = await post("/api/v1/assess", worst, 60000);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200) continue;
      times.push(performance.now() - began);
      bytesMin = Math.min(bytesMin, r.body.length);
      bytesMax = Math.max(bytesMax, r.body.length);
      const answer = JSON.parse(r.body);
      if (answer.partial) partial++;
      spansMax = Math.max(spansMax, answer.spans.length);
      suggestionsMax = Math.max(suggestionsMax, answer.suggestions.length);
    }
  }
  await Promise.all(Array.from({ length: loops }, loop));
  return {
    answered: times.length, statuses, ...latencies(times), partial,
    responseBytes: { min: bytesMin === Infinity ? 0 : bytesMin, max: bytesMax }, spansMax, suggestionsMax,
  };
}

// Warm-up: the on-send path and the worst-case path, until tiered compilation has settled.
for (let i = 0; i < 1000; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => post("/api/v1/send-check", checks[(i + j) % checks.length], 10000)));
// The worst case alone, one request at a time (the last ones warm), as the reference for the loops.
const alone = [];
for (let i = 0; i < 5; i++) {
  const began = performance.now();
  const r = await post("/api/v1/assess", worst, 60000);
  alone.push({ status: r.status, ms: round(performance.now() - began), bytes: r.body.length });
}

console.log(JSON.stringify({ phase: "start", loadAverage: loadAverage(), memory: memory(), worstCaseRequestBytes: worst.length, worstCaseAssessAlone: alone }));
if (quietSeconds > 0) {
  const quiet = await sendChecks(quietSeconds);
  console.log(JSON.stringify({ phase: `send-check ${rate}/s alone for ${quietSeconds}s`, ...quiet }));
}

let peakRss = 0;
const sampler = setInterval(() => { const m = memory(); if (m) peakRss = Math.max(peakRss, m.rssMb); }, 250);
const heavyEnd = performance.now() + seconds * 1000;
const [checked, heavy] = await Promise.all([sendChecks(seconds), heavyLoops(heavyEnd)]);
clearInterval(sampler);
agent.destroy();

console.log(JSON.stringify({ phase: `send-check ${rate}/s for ${seconds}s beside ${loops} worst-case assess loops`, ...checked }));
console.log(JSON.stringify({ phase: `${loops} worst-case assess loops`, ...heavy }));
const end = memory();
console.log(JSON.stringify({ phase: "end", loadAverage: loadAverage(), memory: end, sampledPeakRssMb: peakRss || null }));
const failOpen = Object.entries(checked.reasons).filter(([k]) => /busy|timeout|error/.test(k)).reduce((n, [, v]) => n + v, 0);
const pass = checked.errors === 0 && checked.p99ms < budgetMs;
console.log(`send-check beside the heavy loops: ${checked.errors} errors, p99 ${checked.p99ms} ms (budget ${budgetMs} ms), ${failOpen} answered unchecked (busy/timeout): target ${pass ? "met" : "NOT met"}`);
if (end) console.log(`service peak resident memory: ${end.peakMb} MB`);
process.exit(pass ? 0 : 1);
