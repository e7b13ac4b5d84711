#!/usr/bin/env bash
# The broadcast benchmark: bench/run.sh [devices] (default 100000).
# Seeds N devices in PostgreSQL (database herald_bench on 127.0.0.1:5432), starts Herald
# (api/target/herald.jar, its own JVM) against a Temporal service and a Pushy MockApnsServer
# over TLS run by this driver, broadcasts to every device through the REST API, measures raw
# Pushy throughput to the same mock, and prints devices/s for both, their ratio, Herald's peak
# heap and the largest workflow history. Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES="${1:-100000}"
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
exec java -Xmx2g -jar bench/target/herald-bench.jar --devices "$DEVICES" --herald-jar api/target/herald.jar "${@:2}"
