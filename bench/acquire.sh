#!/usr/bin/env bash
# Measures how PostgreSQL plans and runs Quartz's trigger acquisition (dev.mentor.bench.AcquireBenchmark),
# the query each node runs under the shared store's lock before every batch it fires. LEARNERS weekly
# reminders due in the same minute are written to the store the way the scheduler's horizon writes them
# (timed: triggers/s), then copied up to each larger count. For each count, never analysed and then after
# ANALYZE of the Quartz tables, it times the query as Quartz issues it (30 runs on one connection, with
# the driver's default prepareThreshold and with prepareThreshold=0) and prints EXPLAIN ANALYZE of its
# custom and generic plans, with numeric parameters as Quartz binds them and with bigint ones.
# Usage: bench/acquire.sh [LEARNERS (10000)] [LARGER_COUNTS... (100000)]
# Needs PostgreSQL, as bench/nodes.sh: BENCH_POSTGRES_URL (default
# jdbc:postgresql://127.0.0.1:5432/mentor_bench), BENCH_POSTGRES_USER, BENCH_POSTGRES_PASSWORD. Its
# schema is dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
run_benchmark bot-core dev.mentor.bench.AcquireBenchmark 512m "$@"
