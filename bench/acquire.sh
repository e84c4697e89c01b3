#!/usr/bin/env bash
# Measures how PostgreSQL plans and runs Quartz's statements on the shared store
# (dev.mentor.bench.AcquireBenchmark), above all the trigger acquisition each node runs under the store's
# lock before every batch it fires. First it times the scheduler's horizon writing 2,000 triggers one
# store transaction each, to Quartz tables never analysed and then analysed. Then LEARNERS weekly
# reminders (all due in the same minute, then spread over the hour) are written to the store and copied
# up to each larger count. For each, never analysed and then after ANALYZE of the Quartz tables, it times
# the acquisition as Quartz issues it (30 runs on one connection, with the driver's default
# prepareThreshold and with prepareThreshold=0) and prints EXPLAIN ANALYZE, on one line each, of its
# custom and generic plans with numeric parameters as Quartz binds them and with bigint ones, and of the
# lookups by name Quartz makes for every trigger it fires.
# Usage: bench/acquire.sh [LEARNERS (10000)] [LARGER_COUNTS... (100000)]
# Needs PostgreSQL, as bench/nodes.sh: BENCH_POSTGRES_URL (default
# jdbc:postgresql://127.0.0.1:5432/mentor_bench), BENCH_POSTGRES_USER, BENCH_POSTGRES_PASSWORD. Its
# schemas are dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
run_benchmark bot-core dev.mentor.bench.AcquireBenchmark 512m "$@"
