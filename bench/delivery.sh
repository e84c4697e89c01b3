#!/usr/bin/env bash
# Measures reminder delivery through the real `./mentor serve` process
# (dev.mentor.telegram.DeliveryBenchmark) against a fake Bot API server on 127.0.0.1 with a round
# trip and an optional fault mix: LEARNERS weekly reminders fall due in one minute, while 20 other
# learners send /progress to time the replies. Reports delivered/s, lost, duplicated, the requests
# the fake saw, and command latency while idle and during the burst. With KILL=yes the mentor gets
# SIGKILL after 30% went out and is started again on the same database; the reminders it had claimed
# wait for their 5-minute lease, so that run takes over 5 minutes longer.
#   FAULTS=mix: 20% of sendMessage refused with 429 (retry_after 3 s), 10% with 502, and 1 learner
#   in 100 has blocked the bot (403).
# Usage: bench/delivery.sh [LEARNERS (10000)] [RTT_MS (100)] [FAULTS none|mix (none)] [KILL no|yes (no)]
# Exits non-zero when a reminder was lost, or duplicated (beyond the sends in flight at a kill).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
# Builds the app now if it is stale, so the build is not timed as the mentor's start-up.
./mentor --version >/dev/null
run_benchmark telegram-adapter dev.mentor.telegram.DeliveryBenchmark 512m "$@"
