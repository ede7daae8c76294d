// What the load scripts share (node, no packages): arguments, the loopback-only rule, the on-send drafts and the
// open-loop schedule.
import { performance } from "node:perf_hooks";

/** `--name value` pairs from the command line. */
export function parseArgs(argv) {
  return Object.fromEntries(argv.reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []));
}

/** The service's base URL; exits unless it is on loopback (load is never sent anywhere else). */
export function loopbackBase(url) {
  const base = new URL(url ?? "http://127.0.0.1:5099");
  if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname) && !base.hostname.startsWith("127.")) {
    console.error("refusing to send load anywhere but loopback");
    process.exit(2);
  }
  return base;
}

// Realistic support replies: mostly civil, one in five hostile (so both the allow and the prompt paths are
// exercised), each one different so no cache can help.
const civil = [
  "Thank you for getting back to us about your order.", "I checked the delivery record and the parcel was signed for on 14 February.",
  "The replacement part is in stock and can be sent out today.", "Please keep the original packaging until the engineer has visited.",
  "If the new hinge does not fit, send us a photo and we will arrange a refund.", "I have added a note to your account so my colleagues can see the history.",
  "The engineer will call you thirty minutes before arriving.", "You can track the parcel with the link in the confirmation e-mail.",
];
const hostile = [
  "Honestly, anyone who had bothered to read the manual would have known not to lift the door by the handle.",
  "You are lying about the calls, we rang you twice.", "This is your fault, not ours.", "Stop wasting my time with this.",
];

/** The JSON body of on-send check number `i`: an HTML reply of about `words` words. */
export function sendCheckBody(i, words) {
  const parts = [`<html><body><p>Hi customer ${i},</p><p>`];
  let count = 3;
  let k = i;
  if (i % 5 === 0) { const h = hostile[i % hostile.length]; parts.push(h + " "); count += h.split(" ").length; }
  while (count < words) { const s = civil[k++ % civil.length]; parts.push(s + ` Reference ${i}-${k}. `); count += s.split(" ").length + 2; }
  parts.push("</p><p>Kind regards,<br>Sam</p></body></html>");
  return Buffer.from(JSON.stringify({ draft: parts.join(""), format: "html" }));
}

/**
 * Starts `total` requests at `rate` a second on a fixed schedule (open loop: whether or not earlier ones have
 * answered, so a stall is not hidden); `send(i, scheduled)` starts request `i` and returns a promise. Resolves, with
 * the seconds it took, when every request has finished.
 */
export async function openLoop(rate, total, send) {
  const interval = 1000 / rate;
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i, scheduled));
  }
  await Promise.all(pending);
  return (performance.now() - start) / 1000;
}
