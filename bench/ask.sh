#!/usr/bin/env bash
# Measures `mentor ask --json`: start to first answer, throughput over N questions after
# start-up, and peak memory (RSS). Usage: bench/ask.sh [N] [QUESTIONS_FILE]
# QUESTIONS_FILE has one question a line (default: a mix of roadmap and off-topic questions
# built in); it is repeated until N lines, each pass in slightly different words (up to 64
# different wordings of each question).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
source_file="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$source_file" ]; then
  source_file="$work/source.txt"
  cat > "$source_file" <<'Q'
what is a backend developer
how do I undo my last git commit
explain promises vs async await
when should I use put instead of patch
is supabase a good choice for a side project
which language should I learn for the server side
what is a foreign key
how do I group rows and count them in sql
what is third normal form
when is mongodb a better fit than postgres
what is the n+1 problem with an orm
why is my query slow without an index
what is an endpoint
should I learn express or django
what makes an api restful
what does status code 500 mean
difference between authentication and authorization
how do I read a stack trace
what is an integration test
how can redis make my app faster
what does nginx do
is node good for real time chat
where should I store user uploaded images
what is a virtual machine in the cloud
how does a load balancer check health
how do I write a dockerfile
when to split a monolith into microservices
what is a ci pipeline
how do I hash passwords
how does https protect my users
how do I get my first backend job
how do I bake sourdough bread
who will win the world cup
dokcer compose
kubernets pods
Q
fi

./mentor --version >/dev/null # builds the app and its class archive if needed
python3 - "$source_file" "$n" "$work/questions.txt" <<'PY'
import sys
lines = [l.strip() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
lines = [l.split("\t", 1)[1] if "\t" in l else l for l in lines]
n = int(sys.argv[2])
# Each pass over the questions words them a little differently, so the cache of wordings that
# a chat rightly keeps does not flatter the figure: every line of the run is a new wording.
leads = ["", "so ", "hey, ", "quick question: ", "hi all, ", "ok so ", "noob here: ", "help: "]
tails = ["", " thanks", " please", "?", " (asking for a project)", " thx", " ty", " lol"]
with open(sys.argv[3], "w") as f:
    for i in range(n):
        round_ = i // len(lines)
        f.write(leads[round_ % len(leads)] + lines[i % len(lines)] + tails[(round_ // len(leads)) % len(tails)] + "\n")
PY
head -n 1 "$work/questions.txt" > "$work/one.txt"

best_of() { # best wall time of 3 runs of: ./mentor ask --json < $1
  local best=999 t
  for _ in 1 2 3; do
    t="$( { /usr/bin/time -f '%e %M' ./mentor ask --json < "$1" > "$work/out.jsonl"; } 2>&1 | tail -n 1)"
    echo "$t" >> "$work/times-$(basename "$1")"
    best="$(python3 -c "print(min($best, ${t%% *}))")"
  done
  echo "$best"
}

one="$(best_of "$work/one.txt")"
many="$(best_of "$work/questions.txt")"
lines_out="$(wc -l < "$work/out.jsonl")"
rss_kb="$(awk '{print $2}' "$work"/times-* | sort -n | tail -n 1)"
python3 - "$one" "$many" "$n" "$lines_out" "$rss_kb" <<'PY'
import sys
one, many, n, lines, rss = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rate = n / max(many - one, 1e-3)
print(f"start to first answer: {one:.2f} s (best of 3)")
print(f"{n} questions: {many:.2f} s in all; {lines} JSON lines; after start-up {rate:,.0f} questions/s")
print(f"peak RSS: {rss / 1024:.0f} MB")
PY
