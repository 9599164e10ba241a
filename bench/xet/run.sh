#!/usr/bin/env bash
# Deduplication: bytes fetched for a second revision of a Xet-backed file with 1 % rewritten, hfhub through Xet
# (chunk cache) side by side with a plain-HTTP download of the same revision and, when HFHUB_PYTHON names a Python
# that imports huggingface_hub and hf_xet, with the Python client + hf_xet (the reference) on the same testkit Hub.
# The testkit Hub runs in-process.
# Usage: [HFHUB_PYTHON=target/pyvenv/bin/python] bench/xet/run.sh [size in MiB, default 128]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/bench/work/xet"
rm -rf "$work" && mkdir -p "$work"
[ -f "$root/hfhub-cli/target/hfhub.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
(cd "$root" && mvn -q -B -pl hfhub-testkit dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
echo "[$(date -u '+%F %H:%M') UTC] Xet dedup, $(nproc) cores:"
java -Xmx3g -cp "$root/hfhub-testkit/target/classes:$root/hfhub-cli/target/hfhub.jar:$(cat "$work/cp.txt")" \
  "$root/bench/xet/XetDedup.java" "${1:-128}" "$work"
rm -rf "$work"
