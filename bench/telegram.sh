#!/usr/bin/env bash
# Measures the Telegram adapter (dev.mentor.telegram.TelegramBenchmark) through the real
# telegrambots client against a fake Bot API server on 127.0.0.1, with the real engine on a
# temporary SQLite file:
#   throughput: questions answered a second when many learners ask at once (rate limits off);
#   latency:    time the adapter adds per message (update handed out -> sendMessage received,
#               minus the engine's own time), one learner asking one question at a time.
# Usage: bench/telegram.sh [LEARNERS (50)] [QUESTIONS_EACH (20)] [SEQUENTIAL (300)]
# The heap is 512 MB; BENCH_JAVA_OPTS adds JVM options after it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
run_benchmark telegram-adapter dev.mentor.telegram.TelegramBenchmark 512m "$@"
