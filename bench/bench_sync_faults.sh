#!/usr/bin/env bash
# Long fault-injection run: the proxy test of tests/sync/test_sync_faults.py with many seeds, and the kill tests
# repeated. Usage: bench/bench_sync_faults.sh [SEEDS]   (default: 1..40)
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS="${1:-$(seq -s, 1 40)}"
YULU_FAULT_SEEDS="$SEEDS" python -m pytest tests/sync/test_sync_faults.py -q -p no:cacheprovider -k connections_converge
for i in $(seq 1 10); do
  python -m pytest tests/sync/test_sync_faults.py -q -p no:cacheprovider -k killed
done
