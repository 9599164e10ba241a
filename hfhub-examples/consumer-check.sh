#!/usr/bin/env bash
# Checks that a project outside this build, using only the README's coordinates (the BOM and hfhub-core), compiles
# and runs: deploys the published modules to a throwaway repository, builds consumer/ against it with a throwaway
# local repository (the shared ~/.m2 is never written with hfhub's artifacts), serves samples/repos with the
# testkit Hub, and runs consumer/'s Main: a download works, and extraction without commons-compress fails naming it.
# Not part of `mvn verify`: with an empty local repository Maven fetches its plugins first (about a minute).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${hub_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$root"
mvn -B -q deploy -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -DaltDeploymentRepository="check::file://$work/repo" -pl .,hfhub-bom,hfhub-testkit,hfhub-core
cp -r hfhub-examples/consumer "$work/consumer"
cd "$work/consumer"
m2=(-B -q -Dmaven.repo.local="$work/m2" -Dhfhub.repo="file://$work/repo")
mvn "${m2[@]}" package dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=compile
mvn "${m2[@]}" dependency:build-classpath -Dmdep.outputFile=test-cp.txt
echo "what a consumer that never extracts runs with: $(tr ':' '\n' < cp.txt | xargs -n1 basename | paste -sd' ')"
java -cp "$(cat test-cp.txt)" io.hfhub.testkit.HubServer --dir "$root/samples/repos" > hub.out &
hub_pid=$!
for _ in $(seq 60); do grep -q HF_ENDPOINT hub.out && break; sleep 1; done
endpoint="$(sed -n 's/^HF_ENDPOINT=//p' hub.out)"
env -i PATH="$PATH" HF_ENDPOINT="$endpoint" HF_HOME="$work/home" java -cp "target/classes:$(cat cp.txt)" demo.Main
