#!/usr/bin/env bash
# Measures the engine's time per question (dev.mentor.search.SearchBenchmark): the real hybrid
# search with the sentence model, one question at a time, each question once after warming up.
# Usage: bench/search.sh [QUESTION_FILE...]   (default: our three question sets under eval/)
# The heap is 256 MB, as the launcher's; BENCH_JAVA_OPTS adds JVM options after it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=(eval/learners-a.tsv eval/learners-b.tsv eval/real-questions.tsv)
absolute=()
for file in "${files[@]}"; do absolute+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"); done
run_benchmark bot-core dev.mentor.search.SearchBenchmark 256m "${absolute[@]}"
