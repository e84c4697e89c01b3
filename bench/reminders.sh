#!/usr/bin/env bash
# Measures the reminder system (dev.mentor.bench.ReminderBenchmark, on a temporary SQLite file):
#   startup: time and heap for schedule() to build the Quartz triggers of 100,000 learners;
#   burst:   reminders/s when 10,000 reminders missed minutes ago go out on start (4, then 2
#            threads), with duplicates and losses counted; exits 1 if there are any.
# Also prints the peak RSS of the whole run.
# Usage: bench/reminders.sh [STARTUP_LEARNERS (100000)] [BURST_LEARNERS (10000)]
# The heap is 1 GB; BENCH_JAVA_OPTS adds JVM options after it, e.g. BENCH_JAVA_OPTS=-Xmx4g.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
run_benchmark bot-core dev.mentor.bench.ReminderBenchmark 1g "$@"
