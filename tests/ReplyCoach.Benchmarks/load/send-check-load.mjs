// Load generator for POST /api/v1/send-check (node, no packages).
//
// Phase 1, fixed rate: an open-loop arrival schedule (requests start at fixed intervals whether or not earlier ones
// have answered), latency measured from the scheduled start, so a stall is not hidden (no coordinated omission).
// Phase 2, maximum sustained throughput: closed loop with a fixed number of concurrent requests.
//
// Usage: node send-check-load.mjs --url http://127.0.0.1:5099 [--rate 500] [--seconds 60] [--max-seconds 20]
//        [--concurrency 32] [--words 300]
// Only loopback addresses are accepted; every loop is bounded in count and time.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { loopbackBase, openLoop, parseArgs, sendCheckBody } from "./common.mjs";

const args = parseArgs(process.argv.slice(2));
const base = loopbackBase(args.url);
const rate = Number(args.rate ?? 500);
const seconds = Number(args.seconds ?? 60);
const maxSeconds = Number(args["max-seconds"] ?? 20);
const concurrency = Number(args.concurrency ?? 32);
const words = Number(args.words ?? 300);
const bodies = Array.from({ length: 2000 }, (_, i) => sendCheckBody(i, words));

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function send(i) {
  return new Promise((resolve) => {
    const body = bodies[i % bodies.length];
    const request = http.request(new URL("/api/v1/send-check", base), {
      method: "POST", agent, timeout: 10000,
      headers: { "Content-Type": "application/json", "Content-Length": body.length },
    }, (response) => {
      const chunks = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => {
        let ok = response.statusCode === 200;
        let action = null;
        if (ok) { try { action = JSON.parse(Buffer.concat(chunks)).action; } catch { ok = false; } }
        resolve({ ok, status: response.statusCode, action });
      });
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (e) => resolve({ ok: false, status: 0, error: e.message }));
    request.end(body);
  });
}

function summary(name, latencies, errors, actions, elapsedSeconds) {
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] : NaN;
  const result = {
    phase: name, requests: latencies.length + errors, errors, seconds: Number(elapsedSeconds.toFixed(1)),
    throughput: Number(((latencies.length + errors) / elapsedSeconds).toFixed(1)),
    p50ms: Number(q(0.5).toFixed(2)), p90ms: Number(q(0.9).toFixed(2)), p99ms: Number(q(0.99).toFixed(2)),
    p999ms: Number(q(0.999).toFixed(2)), maxms: Number((latencies.at(-1) ?? NaN).toFixed(2)), actions,
  };
  console.log(JSON.stringify(result));
  return result;
}

async function warmUp() {
  // Long enough for tiered compilation to settle (about 3,000 requests).
  for (let i = 0; i < 3000; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => send(i + j)));
}

async function fixedRate() {
  const latencies = [];
  const actions = {};
  let errors = 0;
  const elapsed = await openLoop(rate, rate * seconds, (i, scheduled) => send(i).then((r) => {
    if (r.ok) { latencies.push(performance.now() - scheduled); actions[r.action] = (actions[r.action] ?? 0) + 1; }
    else errors++;
  }));
  return summary(`fixed ${rate}/s for ${seconds}s`, latencies, errors, actions, elapsed);
}

async function maxThroughput() {
  const latencies = [];
  const actions = {};
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const end = start + maxSeconds * 1000;
  async function worker() {
    while (performance.now() < end) {
      const began = performance.now();
      const r = await send(next++);
      if (r.ok) { latencies.push(performance.now() - began); actions[r.action] = (actions[r.action] ?? 0) + 1; } else errors++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summary(`max throughput, ${concurrency} concurrent, ${maxSeconds}s`, latencies, errors, actions, (performance.now() - start) / 1000);
}

await warmUp();
const fixed = await fixedRate();
const max = maxSeconds > 0 ? await maxThroughput() : null;
agent.destroy();
const pass = fixed.errors === 0 && fixed.p99ms < 20;
console.log(`fixed-rate target (zero errors, p99 < 20 ms): ${pass ? "met" : "NOT met"}`);
if (max) console.log(`maximum sustained throughput: ${max.throughput} requests/s (p99 ${max.p99ms} ms, ${max.errors} errors)`);
process.exit(pass ? 0 : 1);
