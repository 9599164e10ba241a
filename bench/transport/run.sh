#!/usr/bin/env bash
# Transport comparison behind the README's choice of HttpURLConnection: OkHttp 5, the JDK HttpClient and
# HttpURLConnection reading a 1 GiB file from the testkit CDN, body only and in hfhub's read+hash|write pipeline.
# OkHttp is not an hfhub dependency: its jars are fetched from Maven Central into bench/work for this run only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/bench/work/transport"
mkdir -p "$work/libs" "$work/repos/models/bench/big"
[ -f "$root/hfhub-cli/target/hfhub.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
cat > "$work/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>transport-libs</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.squareup.okhttp3</groupId><artifactId>okhttp-jvm</artifactId><version>5.3.2</version></dependency></dependencies>
</project>
POM
(cd "$work" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=libs >/dev/null)
f="$work/repos/models/bench/big/model-1g.bin"
[ -f "$f" ] || head -c 1G /dev/urandom > "$f"
java -cp "$root/hfhub-testkit/target/classes:$root/hfhub-cli/target/hfhub.jar" io.hfhub.testkit.HubServer --dir "$work/repos" \
  > "$work/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 600); do grep -q '^HF_ENDPOINT=' "$work/server.out" && break; sleep 0.1; done
endpoint=$(sed -n 's/^HF_ENDPOINT=//p' "$work/server.out")
url=$(curl -sI "$endpoint/bench/big/resolve/main/model-1g.bin" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
echo "[$(date -u +%F)] transports, 1 GiB from the testkit CDN on loopback, $(nproc) cores:"
java -cp "$(ls "$work"/libs/*.jar | paste -sd:)" "$root/bench/transport/Transport.java" "$url" 3
