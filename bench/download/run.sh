#!/usr/bin/env bash
# Download benchmarks against the testkit Hub + CDN on loopback, each compared with a reference tool run in the
# same script on the same file:
#   (a) one stream: hfhub (parallel ranges off, checksum on) vs curl; JVM start reported apart
#   (b) peak RSS of hfhub with -Xmx64m for a 1 GiB and a 4 GiB file
#   (c) CDN capped at 50 MB/s per connection: hfhub (8 parallel ranges) vs aria2c -x8 -s8 vs one stream
#   (d) a repo of 300 small files: 8 workers vs one at a time (and the Python client's snapshot_download)
# Usage: bench/download/run.sh [a|b|c|d ...]   (default: all). Needs java 17, maven, curl; aria2c and GNU time for (b)/(c).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/bench/work/download"
jar="$root/hfhub-cli/target/hfhub.jar"
testkit="$root/hfhub-testkit/target/classes"
parts="${*:-a b c d}"
day="$(date -u +%F)"
rate=50000000 # bytes/s per connection for (c)
mkdir -p "$work"

if [ ! -f "$jar" ] || [ ! -d "$testkit" ]; then
  echo "building the CLI jar..." >&2
  (cd "$root" && mvn -q -B -DskipTests package)
fi

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
mbps() { echo "$1 / $2 / 1000000" | bc -l | xargs printf '%.0f'; }
best() { printf '%s\n' "$@" | sort -g | head -1; }

server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap 'stop_server; rm -rf "$work/cache" "$work/out"' EXIT

# start_server DIR [per-connection-rate]: sets $endpoint
start_server() {
  local dir="$1" extra=()
  [ -n "${2:-}" ] && extra=(--throttle-per-connection "$2")
  java -cp "$testkit:$jar" io.hfhub.testkit.HubServer --dir "$dir" "${extra[@]}" > "$work/server.out" 2> "$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 600); do
    endpoint="$(sed -n 's/^HF_ENDPOINT=//p' "$work/server.out")"
    [ -n "$endpoint" ] && return 0
    sleep 0.1
  done
  echo "server did not start: $(cat "$work/server.err")" >&2; exit 1
}

# make_file NAME SIZE: a random LFS file in the repo folder (kept between runs)
make_file() {
  local f="$work/repos/models/bench/big/$1"
  mkdir -p "$(dirname "$f")"
  if [ ! -f "$f" ] || [ "$(stat -c %s "$f")" != "$(numfmt --from=iec "$2")" ]; then
    echo "generating $1 ($2)..." >&2
    head -c "$2" /dev/urandom > "$f"
  fi
}

cdn_url() { curl -sI "$endpoint/bench/big/resolve/main/$1" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p'; }

# hfhub FILE [extra args]: one download into a fresh cache; prints seconds
hfhub_time() {
  local file="$1"; shift
  rm -rf "$work/cache"
  local t; t="$(now)"
  HF_HOME="$work/cache/home" java -Xmx64m -jar "$jar" download bench/big "$file" --endpoint "$endpoint" \
    --cache-dir "$work/cache" --quiet "$@" > /dev/null
  elapsed "$t"
}

# The Python client, when one is installed ($HFHUB_PYTHON, as .ci/run sets up, or python3): same file, same CDN.
python_bin=""
for p in "${HFHUB_PYTHON:-}" "$root/target/pyvenv/bin/python" python3; do
  if [ -n "$p" ] && "$p" -c 'import huggingface_hub' 2>/dev/null; then python_bin="$p"; break; fi
done
python_time() { # python_time CODE: seconds for the Python client against $endpoint, fresh cache
  rm -rf "$work/pycache"
  local t; t="$(now)"
  HF_ENDPOINT="$endpoint" HF_HUB_CACHE="$work/pycache" HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HUB_DISABLE_TELEMETRY=1 \
    HF_HUB_DISABLE_XET=1 "$python_bin" -c "import huggingface_hub as h; $1" > /dev/null
  elapsed "$t"
}

if [[ " $parts " == *" a "* ]]; then
  make_file model-1g.bin 1G
  start_server "$work/repos"
  url="$(cdn_url model-1g.bin)"
  size=$(stat -c %s "$work/repos/models/bench/big/model-1g.bin")
  cf=(); cv=(); h=(); hr=(); j=(); py=()
  for i in 1 2 3; do
    mkdir -p "$work/out"
    t="$(now)"; curl -s -o "$work/out/curl.bin" "$url"; cf+=("$(elapsed "$t")")
    t="$(now)"; sha256sum "$work/out/curl.bin" > /dev/null; cv+=("$(echo "$(elapsed "$t") + ${cf[-1]}" | bc -l)")
    rm -f "$work/out/curl.bin"
    h+=("$(hfhub_time model-1g.bin --parallel-ranges 1)")
    hr+=("$(hfhub_time model-1g.bin)")
    t="$(now)"; java -Xmx64m -jar "$jar" --version > /dev/null; j+=("$(elapsed "$t")")
    [ -n "$python_bin" ] && py+=("$(python_time "h.hf_hub_download('bench/big', 'model-1g.bin')")")
  done
  stop_server
  CF=$(best "${cf[@]}"); CV=$(printf '%.2f' "$(best "${cv[@]}")"); H=$(best "${h[@]}"); HR=$(best "${hr[@]}"); J=$(best "${j[@]}")
  echo "[$day] (a) 1 GiB LFS file from the testkit CDN on loopback, best of 3, every hfhub run verifies the sha256:"
  echo "    curl -o file ${CF}s ($(mbps "$size" "$CF") MB/s); curl -o file + sha256sum ${CV}s"
  echo "    hfhub one stream ${H}s ($(mbps "$size" "$H") MB/s), default (parallel ranges) ${HR}s; JVM start alone ${J}s"
  echo "    ratio hfhub one stream / curl $(ratio "$H" "$CF") (target <= 1.1; without the JVM start $(ratio "$(echo "$H - $J" | bc -l)" "$CF"));" \
    "/ (curl + sha256sum) $(ratio "$H" "$CV"); default / curl $(ratio "$HR" "$CF")"
  if [ -n "$python_bin" ]; then
    P=$(best "${py[@]}")
    echo "    Python huggingface_hub $("$python_bin" -c 'import huggingface_hub; print(huggingface_hub.__version__)') hf_hub_download ${P}s;" \
      "ratio hfhub one stream / Python $(ratio "$H" "$P"), default / Python $(ratio "$HR" "$P")"
  fi
fi

if [[ " $parts " == *" d "* ]]; then
  # 300 small files (1-32 KiB, regular git files), whole repo: 8 workers vs one at a time (and the Python client)
  small="$work/small/models/bench/small"
  if [ ! -d "$small" ] || [ "$(ls "$small" | wc -l)" != 300 ]; then
    rm -rf "$small"; mkdir -p "$small"
    for n in $(seq -w 1 300); do head -c $(( (RANDOM % 32 + 1) * 1024 )) /dev/urandom > "$small/file-$n.json"; done
  fi
  start_server "$work/small"
  w8=(); w1=(); py=(); j=()
  for i in 1 2 3; do
    for workers in 8 1; do
      rm -rf "$work/cache"; t="$(now)"
      java -jar "$jar" download bench/small --endpoint "$endpoint" --cache-dir "$work/cache" --quiet --max-workers "$workers" > /dev/null
      if [ "$workers" = 8 ]; then w8+=("$(elapsed "$t")"); else w1+=("$(elapsed "$t")"); fi
    done
    t="$(now)"; java -jar "$jar" --version > /dev/null; j+=("$(elapsed "$t")")
    [ -n "$python_bin" ] && py+=("$(python_time "h.snapshot_download('bench/small')")")
  done
  stop_server
  W8=$(best "${w8[@]}"); W1=$(best "${w1[@]}"); J=$(best "${j[@]}")
  line="[$day] (d) 300 small files, whole repo, best of 3: hfhub 8 workers ${W8}s (JVM start ${J}s of it), one at a time ${W1}s"
  [ -n "$python_bin" ] && line="$line; Python snapshot_download $(best "${py[@]}")s, ratio hfhub/Python $(ratio "$W8" "$(best "${py[@]}")")"
  echo "$line"
fi

if [[ " $parts " == *" b "* ]]; then
  make_file model-1g.bin 1G
  make_file model-4g.bin 4G
  start_server "$work/repos"
  line="[$day] (b) peak RSS, java -Xmx64m, default settings:"
  for f in model-1g.bin model-4g.bin; do
    rm -rf "$work/cache"
    t="$(now)"
    HF_HOME="$work/cache/home" /usr/bin/time -v java -Xmx64m -jar "$jar" download bench/big "$f" --endpoint "$endpoint" \
      --cache-dir "$work/cache" --quiet > /dev/null 2> "$work/time.txt"
    s="$(elapsed "$t")"
    kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")"
    line="$line $f $((kb / 1024)) MB (${s}s);"
  done
  stop_server
  rm -f "$work/repos/models/bench/big/model-4g.bin" # 4 GiB: regenerated when needed
  echo "$line target flat, < 256 MB"
fi

if [[ " $parts " == *" c "* ]]; then
  make_file model-1g.bin 1G
  mkdir -p "$work/capped/models/bench/big"
  ln -f "$work/repos/models/bench/big/model-1g.bin" "$work/capped/models/bench/big/model-1g.bin"
  start_server "$work/capped" "$rate"
  url="$(cdn_url model-1g.bin)"
  size=$(stat -c %s "$work/capped/models/bench/big/model-1g.bin")
  P="$(hfhub_time model-1g.bin --parallel-ranges 8)"
  rm -rf "$work/out"; mkdir -p "$work/out"; t="$(now)"
  aria2c -q -x8 -s8 --file-allocation=none --allow-overwrite=true -d "$work/out" -o aria.bin "$url"
  A="$(elapsed "$t")"; rm -rf "$work/out"
  S="$(hfhub_time model-1g.bin --parallel-ranges 1)"
  t="$(now)"; java -Xmx64m -jar "$jar" --version > /dev/null; J="$(elapsed "$t")"
  stop_server
  echo "[$day] (c) CDN capped at $((rate / 1000000)) MB/s per connection, 1 GiB: hfhub 8 ranges ${P}s ($(mbps "$size" "$P") MB/s)," \
    "aria2c -x8 -s8 ${A}s ($(mbps "$size" "$A") MB/s), hfhub one stream ${S}s ($(mbps "$size" "$S") MB/s);" \
    "speed vs aria2c $(ratio "$A" "$P") (target >= 0.95; without hfhub's ${J}s JVM start $(ratio "$A" "$(echo "$P - $J" | bc -l)")),"\
    "vs one stream $(ratio "$S" "$P") (target >= 6)"
fi
