#!/usr/bin/env bash
# Throughput and memory of the `replycoach score --jsonl` batch: builds the CLI (Release), writes N distinct
# 300-word drafts with make-batch.mjs, scores them, and prints drafts per second (wall clock, start-up included)
# and the peak resident memory. Not part of the test suite.
# Usage: tests/ReplyCoach.Benchmarks/load/batch.sh [drafts=100000]
set -euo pipefail
cd "$(dirname "$0")/../../.."
drafts=${1:-100000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet build src/ReplyCoach.Cli -c Release -v quiet -nologo >/dev/null
cli=src/ReplyCoach.Cli/bin/Release/net10.0/replycoach
node tests/ReplyCoach.Benchmarks/load/make-batch.mjs --drafts "$drafts" >"$out/batch.jsonl"
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "input: $drafts drafts, $(wc -w <"$out/batch.jsonl") words in all, $(du -h "$out/batch.jsonl" | cut -f1)"

start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%M" -o "$out/rss" "$cli" score --jsonl <"$out/batch.jsonl" >"$out/scores.jsonl"
else
  "$cli" score --jsonl <"$out/batch.jsonl" >"$out/scores.jsonl"
fi
end=$(date +%s.%N)

lines=$(wc -l <"$out/scores.jsonl")
errors=$(grep -c '"error"' "$out/scores.jsonl" || true)
flagged=$(grep -c '"level":"\(caution\|hold\)"' "$out/scores.jsonl" || true)
awk -v n="$lines" -v s="$start" -v e="$end" -v err="$errors" -v f="$flagged" \
  'BEGIN { t = e - s; printf "scored %d drafts (%d errors, %d flagged) in %.2f s: %.0f drafts/s\n", n, err, f, t, n / t }'
[ -f "$out/rss" ] && echo "peak resident memory: $(( $(tail -1 "$out/rss") / 1024 )) MB"
[ "$lines" -eq "$drafts" ] || { echo "expected $drafts answers, got $lines"; exit 1; }
