#!/usr/bin/env bash
# Rebuilds samples/cache, the small Hub cache that `./hfhub serve` demonstrates in the README, by serving
# samples/repos with the testkit Hub and downloading both repos with hfhub itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package
cp="$root/hfhub-testkit/target/hfhub-testkit-0.1.0-SNAPSHOT.jar:$root/hfhub-cli/target/hfhub.jar"
log=$(mktemp)
java -cp "$cp" io.hfhub.testkit.HubServer --dir samples/repos >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q '^HF_ENDPOINT=' "$log" && break; sleep 0.1; done
endpoint=$(grep '^HF_ENDPOINT=' "$log" | cut -d= -f2-)
rm -rf samples/cache
./hfhub download hfhub-demo/tiny-model --endpoint "$endpoint" --cache-dir samples/cache --quiet
./hfhub download hfhub-demo/tiny-archives --repo-type dataset --endpoint "$endpoint" --cache-dir samples/cache --quiet
rm -rf samples/cache/.locks
echo "samples/cache rebuilt from $endpoint"
