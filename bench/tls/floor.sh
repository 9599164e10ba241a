#!/usr/bin/env bash
# The floor of HTTPS on the JDK, measured against curl in the same run: one nginx (bench/site.py's Hub and CDN, a
# fresh EC P-256 certificate) on its own ports, then paired rounds (bench/tls/pairs.sh) of curl, the JDK's TLS alone
# (TlsRead: HttpsURLConnection as hfhub uses it; TlsFloor: a bare SSLSocket or SSLEngine over 1, 2 or 4 range
# connections), and optionally hfhub. Every variant reads the 1 GiB blob and drops it (hfhub writes and hashes it).
# Besides wall and CPU it prints what no load on a shared machine can shorten: each reader thread's own CPU time
# (the critical path of one connection) and nginx's CPU time (on 2 cores the server's encryption shares them).
#
# Usage: bench/tls/floor.sh [variant ...]   variants: curl read socket1 socket2 socket4 buffered1 buffered2
#   buffered4 (SSLSocket over a socket read in 256 KiB blocks, as hfhub's) aes128 chacha tls12 engine engine-heap
#   hfhub hfhub1 (default: curl read socket1 buffered1 buffered2 buffered4)
#   REPS=5, PORT_BASE=18800, DATA=dir holding bench/big/model-1g.bin (default: bench/work/all/data, read only),
#   JAVA=java (another JDK for reference), HFHUB_BIN=hfhub-cli/target/hfhub
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/bench/work/tls-floor"
base="${PORT_BASE:-18800}"
data="${DATA:-$root/bench/work/all/data}"
java="${JAVA:-java}"
variants="${*:-curl read socket1 buffered1 buffered2 buffered4}"
[ -f "$data/bench/big/model-1g.bin" ] || { echo "floor: no $data/bench/big/model-1g.bin (run bench/run.sh https once)" >&2; exit 1; }
mkdir -p "$work/cls" "$work/site/blobs" "$work/outputs"
rm -f "$work/outputs"/*
ln -sfn "$data" "$work/data"
sha=$(sha256sum "$data/bench/big/model-1g.bin" | cut -d' ' -f1)
for memo in "$data/bench/big/model-1g.bin.sha256".*; do [ -f "$memo" ] && sha=$(cat "$memo"); done
# the blobs as symbolic links, made before site.py, which then leaves the (read-only) data alone
for f in "$data"/bench/big/*.bin; do
  for memo in "$f.sha256".*; do [ -f "$memo" ] && ln -sf "$f" "$work/site/blobs/$(cat "$memo")"; done
done
"$java" -version 2>&1 | head -1
javac -d "$work/cls" "$root/bench/tls/TlsFloor.java" "$root/bench/tls/TlsRead.java"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 1 -subj /CN=127.0.0.1 -addext 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost' 2>/dev/null
python3 "$root/bench/site.py" "$work" "$base"
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
trap 'kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; rm -rf "$work/cache"' EXIT
cdn="https://127.0.0.2:$((base + 3))/blobs/$sha"
hub="https://127.0.0.1:$((base + 2))"
for _ in $(seq 50); do curl -s -o /dev/null --cacert "$work/cert.pem" "$cdn" -r 0-0 && break; sleep 0.1; done
workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')

j="$java -XX:+UseSerialGC -cp $work/cls"
floor="$j TlsFloor $cdn $work/cert.pem 1073741824"
hfhub="rm -rf $work/cache; SSL_CERT_FILE=$work/cert.pem XDG_CACHE_HOME=$work/xdg ${HFHUB_BIN:-$root/hfhub-cli/target/hfhub}"
hfhub="$hfhub download --cache-dir $work/cache --quiet bench/big model-1g.bin --endpoint $hub"
args=()
for v in $variants; do
  case "$v" in
    curl) args+=("curl::curl -sfL --cacert $work/cert.pem -o /dev/null $hub/bench/big/resolve/main/model-1g.bin") ;;
    read) args+=("TlsRead (HttpsURLConnection)::$j TlsRead $hub/bench/big/resolve/main/model-1g.bin $work/cert.pem") ;;
    socket1|socket2|socket4) args+=("SSLSocket, ${v#socket} connection(s)::$floor conns=${v#socket}") ;;
    buffered1|buffered2|buffered4)
      args+=("SSLSocket buffered, ${v#buffered} conn(s)::${floor/TlsFloor/-Dbufin=262144 TlsFloor} conns=${v#buffered}") ;;
    aes128) args+=("SSLSocket, AES-128-GCM::$floor suites=TLS_AES_128_GCM_SHA256") ;;
    chacha) args+=("SSLSocket, CHACHA20::$floor suites=TLS_CHACHA20_POLY1305_SHA256") ;;
    tls12) args+=("SSLSocket, TLS 1.2 AES-128::$floor protocols=TLSv1.2 suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256") ;;
    engine) args+=("SSLEngine direct, dropped::$floor mode=engine") ;;
    engine-heap) args+=("SSLEngine direct, to byte[]::$floor mode=engine-heap") ;;
    hfhub) args+=("hfhub default::$hfhub") ;;
    hfhub1) args+=("hfhub --parallel-ranges 1::$hfhub --parallel-ranges 1") ;;
    *) echo "floor: unknown variant $v" >&2; exit 2 ;;
  esac
done
# one run of each first, unmeasured: the page cache holds the file and hfhub's class archive is written
for a in "${args[@]}"; do bash -c "${a#*::}" > /dev/null 2>&1 || true; done
SERVER_PIDS="$workers" OUTPUTS="$work/outputs" "$root/bench/tls/pairs.sh" "${args[@]}"
echo "readers' own CPU seconds (TlsFloor; median over runs of the busiest reader, and of the readers' sum):"
i=0
for a in "${args[@]}"; do
  if [ -f "$work/outputs/$i" ] && grep -q reader-cpu "$work/outputs/$i"; then
    python3 - "${a%%::*}" "$work/outputs/$i" <<'PY'
import re, statistics, sys
runs = [list(map(float, re.search(r"reader-cpu\(s\)=([0-9. ]+)", l).group(1).split())) for l in open(sys.argv[2]) if "reader-cpu" in l]
print(f"  {sys.argv[1]:<34} busiest {statistics.median(max(r) for r in runs):.2f} s   sum {statistics.median(sum(r) for r in runs):.2f} s")
PY
  fi
  i=$((i + 1))
done
