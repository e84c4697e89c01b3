#!/usr/bin/env bash
# Measures the Discord adapter (dev.mentor.discord.DiscordBenchmark): interactions driven through
# the real Discord4J client against the tests' fake Discord gateway and REST API on 127.0.0.1.
#   throughput: /ask interactions sent at once, answered per second, with a conversation that
#               answers at once (adapter and Discord4J alone) and with the real engine;
#   latency:    one interaction at a time, the time from gateway event to interaction callback
#               minus the conversation's own time (median, p95, p99).
# Also prints the peak RSS of the whole run.
# Usage: bench/discord.sh [INTERACTIONS (2000)] [SEQUENTIAL (500)]
# The heap is 1 GB; BENCH_JAVA_OPTS adds JVM options after it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark-lib.sh
run_benchmark discord-adapter dev.mentor.discord.DiscordBenchmark 1g "$@"
