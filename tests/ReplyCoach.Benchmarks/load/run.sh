#!/usr/bin/env bash
# Load tests of the service on loopback: publishes it (Release), starts it in development mode on 127.0.0.1 with the
# rate limits lifted (requests and characters), runs a load script, and stops the service. The audit store is a
# fresh SQLite file in a temporary data folder. Not part of the test suite.
#   run.sh [arguments]          send-check-load.mjs: 500 requests/s of 300-word drafts for 60 s, then the maximum
#                               sustained throughput
#   run.sh --heavy [arguments]  heavy-load.mjs: send-check at 50 requests/s for 60 s beside 8 closed loops of
#                               worst-case assess (200,000 characters, every sentence flagged), with the service's
#                               peak resident memory
set -euo pipefail
cd "$(dirname "$0")/../../.."
script=send-check-load.mjs
if [ "${1:-}" = "--heavy" ]; then script=heavy-load.mjs; shift; fi
port=${REPLYCOACH_LOAD_PORT:-5099}
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$out"' EXIT

dotnet publish src/ReplyCoach.Api -c Release -o "$out/api" -v quiet -nologo >/dev/null
# The published build runs in the Production environment: development mode needs the explicit opt-in there (it is
# logged loudly, and the service still refuses anything but loopback).
ReplyCoach__Service__DevelopmentMode=true \
ReplyCoach__Service__AllowDevelopmentModeOutsideDevelopment=true \
ReplyCoach__DataFolder="$out/data" \
ReplyCoach__Service__RateLimitPermits=10000000 \
ReplyCoach__Service__RateLimitCharacters=2000000000 \
Logging__LogLevel__Default=Warning \
  dotnet "$out/api/ReplyCoach.Api.dll" --urls "http://127.0.0.1:$port" >"$out/service.log" 2>&1 &
server=$!
ready=""
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
[ -n "$ready" ] || { echo "the service did not start:"; cat "$out/service.log"; exit 1; }
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
status=0
node "tests/ReplyCoach.Benchmarks/load/$script" --url "http://127.0.0.1:$port" --pid "$server" "$@" || status=$?
# What the service warned about during the run (the message lines, counted; never draft text).
echo "service log, warnings and errors by message:"
grep -A1 -E '^(warn|fail|crit):' "$out/service.log" | grep -vE '^(warn|fail|crit):|^--$|^\s*$' | sed -E 's/[0-9]+(\.[0-9]+)? ms/N ms/g' | sort | uniq -c | sort -rn | head -20 || true
exit "$status"
