#!/usr/bin/env bash
# Measures reminders fired by several mentor instances sharing one PostgreSQL database and Quartz's
# clustered job store (dev.mentor.bench.NodesBenchmark): LEARNERS weekly reminders all fall due in the
# same minute (a minute or two after the start, once their triggers are in the store) and are fired by
# 1, then 2, then 3 nodes, each a JVM of its own, in a fresh schema each time. The platform only records,
# after a simulated round trip of ROUND_TRIP_MS. For each node count it reports reminders/s from the due
# time to the last send and from the first send to the last, lost and duplicated reminders, how many
# each node sent, p50/p99 lateness behind the due time, and the CPU and database sessions meanwhile.
# Exits non-zero when a reminder was lost or sent twice.
# Usage: bench/nodes.sh [LEARNERS (10000)] [ROUND_TRIP_MS (0)]
# Needs PostgreSQL: BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/mentor_bench; create it
# with `createdb mentor_bench`), BENCH_POSTGRES_USER (postgres), BENCH_POSTGRES_PASSWORD (empty). The
# schemas it makes are dropped after each run.
# Also: BENCH_NODES="1 2 3" (the node counts), BENCH_QUARTZ_URL_OPTIONS=prepareThreshold=0 (parameters
# added to the URL of Quartz's store only), BENCH_ANALYZE=no (leave the Quartz tables never analysed;
# by default they are analysed once the triggers are written, as autovacuum would do soon after on a
# server that runs it; never analysed, every trigger fired reads its whole group), BENCH_LEAD_SECONDS (how soon the reminders fall due; default 40 s + 1 s per
# 1,000 learners). The coordinator's heap is 512 MB and each node's 256 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
run_benchmark bot-core dev.mentor.bench.NodesBenchmark 512m "$@"
