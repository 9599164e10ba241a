#!/usr/bin/env bash
# The mirror under load (issue 10, finding 7): `hfhub serve` on a cache holding a 1 GiB file, measured for
# (1) one client's download rate (curl, best of 3) and (2) the time to answer a HEAD and a small GET while
# 32 clients send their headers one byte every 2 s and 32 clients start the 1 GiB file and stop reading.
# Usage: bench/serve/run.sh [HFHUB_JAR]   (default: this tree's hfhub-cli/target/hfhub.jar, built if missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/bench/work/serve"
jar="${1:-$root/hfhub-cli/target/hfhub.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
commit=0123456789abcdef0123456789abcdef01234567
repo="$work/cache/models--bench--big"
if [ ! -f "$work/blob.sha256" ]; then
  mkdir -p "$repo/blobs" "$repo/refs" "$repo/snapshots/$commit"
  head -c 1G /dev/urandom > "$work/model.bin"
  sha=$(sha256sum "$work/model.bin" | cut -d' ' -f1)
  mv "$work/model.bin" "$repo/blobs/$sha"
  ln -s "../../blobs/$sha" "$repo/snapshots/$commit/model.bin"
  printf '{}\n' > "$repo/snapshots/$commit/config.json"
  printf '%s' "$commit" > "$repo/refs/main"
  echo "$sha" > "$work/blob.sha256"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar "$jar" serve --cache-dir "$work/cache" --port "$port" > "$work/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 300); do grep -q 'Serving' "$work/server.out" && break; sleep 0.1; done
base="http://127.0.0.1:$port/bench/big/resolve/main"
echo "[$(date -u '+%F %H:%M') UTC] $jar, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), loopback"
best=0
for _ in 1 2 3; do
  rate=$(curl -s -o /dev/null -w '%{speed_download}' "$base/model.bin")
  best=$(python3 -c "print(max($best, $rate))")
done
python3 -c "print(f'download 1 GiB, best of 3: {$best/1e6:.0f} MB/s')"
python3 "$root/bench/serve/slow_clients.py" 127.0.0.1 "$port" /bench/big/resolve/main
