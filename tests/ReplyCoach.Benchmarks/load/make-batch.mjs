// Writes a JSON Lines batch for `replycoach score --jsonl` to stdout (node, no packages).
//
// Each draft is about 300 words of plain text built from the project's own corpus
// (src/ReplyCoach.Training/Corpus/train.tsv): civil sentences (label 0) with one hostile sentence (label 1) in every
// fifth draft, in a different order with different reference numbers each time, so no two drafts are alike.
// Usage: node make-batch.mjs [--drafts 100000] [--words 300] [--seed 1] > batch.jsonl
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const drafts = Number(args.drafts ?? 100000);
const words = Number(args.words ?? 300);
let seed = Number(args.seed ?? 1) >>> 0 || 1;
if (!Number.isInteger(drafts) || drafts < 1 || drafts > 10_000_000 || !Number.isInteger(words) || words < 10 || words > 100_000) {
  console.error("--drafts must be 1..10000000 and --words 10..100000");
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = fs.readFileSync(path.join(here, "../../../src/ReplyCoach.Training/Corpus/train.tsv"), "utf8").split("\n").slice(1)
  .map((line) => line.split("\t")).filter((f) => f.length >= 3);
const civil = corpus.filter((f) => f[2] === "0").map((f) => f[1]);
const hostile = corpus.filter((f) => f[2] === "1").map((f) => f[1]);

// xorshift32: reproducible without packages.
function next(n) {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}

const out = fs.createWriteStream(null, { fd: 1 });
let pending = [];
for (let i = 0; i < drafts; i++) {
  const parts = [`Hi, thank you for your message about ticket ${100000 + i}.`];
  let count = 8;
  if (i % 5 === 0) { const h = hostile[next(hostile.length)]; parts.push(h); count += h.split(" ").length; }
  while (count < words) { const s = civil[next(civil.length)]; parts.push(s); count += s.split(" ").length; }
  parts.push("Kind regards, Sam");
  pending.push(JSON.stringify({ id: i, text: parts.join(" ") }));
  if (pending.length === 1000) { out.write(pending.join("\n") + "\n"); pending = []; }
}
if (pending.length) out.write(pending.join("\n") + "\n");
out.end();
