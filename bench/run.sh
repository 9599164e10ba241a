#!/usr/bin/env bash
# The whole benchmark table: hfhub side by side with the reference tools, whole processes, fresh cache each run,
# hfhub with DEFAULT settings (the one-file launcher hfhub-cli/target/hfhub, no flags) first, tuned flags only as
# extra rows. One nginx serves as the Hub (resolve and API routes from pre-computed headers and JSON) and as the
# CDN (blobs with sendfile), over HTTP, over HTTPS (a self-signed certificate made at the start of each run), and
# capped per connection; every client talks to it, so no client's own server shares its JVM or its CPU budget.
#
#   1 GiB LFS file, unthrottled                    vs curl -L -o (and the same work: curl, then openssl's SHA-256;
#                                                  and the JVM floor of a verifying download)
#   1 GiB over HTTPS                               vs curl -L -o (--cacert) (and curl, then openssl's SHA-256)
#   256 MiB, CDN capped at 50 MB/s per connection  vs aria2c -x8 -s8
#   snapshot of 300 small files                    vs Python huggingface_hub snapshot_download, curl -Z --parallel-max 8
#   extract ~1 GiB of mixed files, .tar.gz / .zip  vs tar -xzf / unzip -q
#   4 GiB LFS file (peak memory)                   vs curl -L -o
#
# Times are wall seconds (median of REPS runs, tools alternating); peak RSS from /usr/bin/time -v.
# Usage: bench/run.sh [workload ...]   workloads: 1g https capped small extract 4g (default: all)
#   REPS=3 (runs per row), HEAVY_REPS=REPS (runs of the extraction and 4 GiB rows), PORT_BASE=18700, KEEP_DATA=1 keeps bench/work/all/data (generated once, ~6.5 GiB),
#   HFHUB_BIN=path another hfhub launcher to measure (default: this tree's, built when older than the sources),
#   HFHUB_COMPARE=path a second build measured in the same run, right after each hfhub row (extra rows)
# Needs: java 17, maven, curl, nginx, openssl, python3, GNU time, zip/unzip; aria2c (apt-get install aria2) and the
# Python client (made in target/benchvenv with pip on first use) for their rows, which are skipped when missing.
set -euo pipefail
main() { # the whole script is read before it runs: editing this file during a run cannot change that run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/work/all"
hfhub="${HFHUB_BIN:-$root/hfhub-cli/target/hfhub}" # another build to compare: HFHUB_BIN=/path/to/hfhub
reps="${REPS:-3}"
heavy_reps="${HEAVY_REPS:-$reps}" # extraction and 4 GiB, the longest rows
base="${PORT_BASE:-18700}"
workloads="${*:-1g https capped small extract 4g}"
mkdir -p "$work/data/bench/big" "$work/data/bench/small" "$work/results"
rm -f "$work/results"/*

for tool in java mvn curl nginx openssl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: missing $tool" >&2; exit 1; }
done
if [ -z "${HFHUB_BIN:-}" ] && { [ ! -f "$hfhub" ] || [ -n "$(find "$root"/hfhub-*/src "$root"/pom.xml "$root"/hfhub-*/pom.xml -newer "$hfhub" -type f -print -quit)" ]; }; then
  echo "building hfhub..." >&2
  (cd "$root" && mvn -q -B -DskipTests package >&2)
fi
python_bin="$root/target/benchvenv/bin/python"
for p in "${HFHUB_PYTHON:-}" "$root/target/pyvenv/bin/python"; do
  if [ -n "$p" ] && "$p" -c 'import huggingface_hub' 2>/dev/null; then python_bin="$p"; break; fi
done
if ! "$python_bin" -c 'import huggingface_hub' 2>/dev/null; then
  echo "installing the Python client into target/benchvenv..." >&2
  { python3 -m venv "$root/target/benchvenv" && "$root/target/benchvenv/bin/pip" install -q --retries 0 --timeout 5 huggingface_hub; } >&2 \
    || echo "bench: no Python client (pip install failed); its row is skipped" >&2
fi

# ---- data (kept between runs: regenerated only when missing)
make_file() { # make_file PATH SIZE
  if [ ! -f "$1" ] || [ "$(stat -c %s "$1")" != "$(numfmt --from=iec "$2")" ]; then
    echo "generating $1 ($2)..." >&2
    head -c "$2" /dev/urandom > "$1.tmp" && mv "$1.tmp" "$1"
  fi
}
make_file "$work/data/bench/big/model-1g.bin" 1G
make_file "$work/data/bench/big/model-256m.bin" 256M
[[ " $workloads " == *" 4g "* ]] && make_file "$work/data/bench/big/model-4g.bin" 4G
if [ "$(find "$work/data/bench/small" -type f | wc -l)" != 300 ]; then
  rm -rf "$work/data/bench/small"; mkdir -p "$work/data/bench/small"
  python3 - "$work/data/bench/small" <<'PY'
import os, random, sys
rng = random.Random(300)
for n in range(1, 301):  # 1-32 KiB each, regular (non-LFS) files as configs and tokenizers are
    with open(f"{sys.argv[1]}/file-{n:03d}.json", "wb") as f:
        f.write(os.urandom(rng.randint(1, 32) * 1024))
PY
fi
if [[ " $workloads " == *" extract "* ]]; then
  PREPARE_ONLY=1 WORK="$work/extract" "$root/bench/extract/run.sh" >&2
fi

mkdir -p "$work/tls" && javac -d "$work/tls" "$root/bench/tls/TlsRead.java"
mkdir -p "$work/floor" && javac -d "$work/floor" "$root/bench/floor/SmallFloor.java" "$root/bench/floor/StreamFloor.java"

# ---- the server: a fresh self-signed certificate, the site, nginx
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 1 -subj /CN=127.0.0.1 -addext 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost' 2>/dev/null
python3 "$root/bench/site.py" "$work" "$base"
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
cleanup() {
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work/cache" "$work/out" "$work/pycache"
  [ "${KEEP_DATA:-1}" = 1 ] || rm -rf "$work/data" "$work/site" "$work/extract"
}
trap cleanup EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$base/api/models/bench/big/revision/main" && break; sleep 0.1; done
hub="http://127.0.0.1:$base"
hub_tls="https://127.0.0.1:$((base + 2))"
hub_capped="http://127.0.0.1:$((base + 5))"

# ---- measuring: run NAME CMD...  appends "wall_s peak_rss_mb cpu_s" to results/NAME; the output is fresh each time
run() {
  local name="$1"; shift
  rm -rf "$work/cache" "$work/out" "$work/pycache"; mkdir -p "$work/out"; sync
  local t0 t1
  t0=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/cmd.out" 2> "$work/cmd.err"; then
    echo "bench: $name failed: $(tail -3 "$work/cmd.err")" >&2
    return 0
  fi
  t1=$(date +%s.%N)
  local kb user sys
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
  echo "$(echo "$t1 - $t0" | bc -l) $((kb / 1024)) $(echo "$user + $sys" | bc -l)" >> "$work/results/$name"
}
# hfhub NAME [VAR=VALUE...] COMMAND ARGS...: this build's hfhub, then the build in HFHUB_COMPARE (rows NAME~) when set
hfhub() {
  local name="$1"; shift
  local envs=()
  while [[ "$1" == *=* ]]; do envs+=("$1"); shift; done
  local command="$1"; shift
  local extra=(); [ "$command" = download ] && extra=(--cache-dir "$work/cache" --quiet)
  [ "$command" = extract ] && extra=(--quiet)
  run "$name" env "${envs[@]}" "$hfhub" "$command" "${extra[@]}" "$@"
  if [ -n "${HFHUB_COMPARE:-}" ]; then
    # its own class archives: the launcher keeps one per command and deletes another build's, so sharing the
    # folder would make both builds write theirs again on every run
    run "$name~" env "${envs[@]}" XDG_CACHE_HOME="$work/xdg-compare" "$HFHUB_COMPARE" "$command" "${extra[@]}" "$@"
  fi
}
hf=("$hfhub" download --cache-dir "$work/cache" --quiet)
# the Python client: progress bars and telemetry off, plain HTTP (no Xet)
py=(env HF_HUB_CACHE="$work/pycache" HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_DISABLE_XET=1
  "$python_bin" -c)
has_python() { "$python_bin" -c 'import huggingface_hub' 2>/dev/null; }
# small-file URLs for curl -Z, one "url = / output =" pair per file, as a curl config file
for f in $(cd "$work/data/bench/small" && ls); do
  printf 'url = "%s/bench/small/resolve/main/%s"\noutput = "%s/out/%s"\n' "$hub" "$f" "$work" "$f"
done > "$work/small.curl"

# The launcher keeps its class-data archives under XDG_CACHE_HOME: the bench starts from none, times the very
# first run (which writes the archive) apart, and measures every row after that, as a user's runs after the first.
export XDG_CACHE_HOME="$work/xdg"
rm -rf "$XDG_CACHE_HOME" "$work/xdg-compare"
if [[ " $workloads " == *" small "* ]]; then
  run small.hfhub-first "${hf[@]}" bench/small --endpoint "$hub"
fi
mkdir -p "$work/warm" && echo warm > "$work/warm/a.txt" && tar -czf "$work/warm.tar.gz" -C "$work/warm" a.txt
for bin in "$hfhub" ${HFHUB_COMPARE:+"$HFHUB_COMPARE"}; do
  xdg="$XDG_CACHE_HOME"; [ "$bin" = "$hfhub" ] || xdg="$work/xdg-compare"
  XDG_CACHE_HOME="$xdg" "$bin" download --cache-dir "$work/cache" --quiet bench/small --endpoint "$hub" > /dev/null
  rm -rf "$work/warm" && XDG_CACHE_HOME="$xdg" "$bin" extract --quiet "$work/warm.tar.gz" "$work/warm" > /dev/null \
    && rm -rf "$work/warm"
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$work/load.txt"
for rep in $(seq "$reps"); do
  echo "rep $rep/$reps..." >&2
  for w in $workloads; do
    case "$w" in
      1g)
        run 1g.curl curl -sfL -o "$work/out/f" "$hub/bench/big/resolve/main/model-1g.bin"
        # the same work as hfhub's by the reference tools: the download, then its SHA-256 (OpenSSL: the CPU's SHA
        # instructions, as the JDK's)
        run 1g.curlsha sh -c 'curl -sfL -o "$1" "$2" && openssl dgst -sha256 "$1"' - "$work/out/f" "$hub/bench/big/resolve/main/model-1g.bin"
        hfhub 1g.hfhub download bench/big model-1g.bin --endpoint "$hub"
        hfhub 1g.hfhub-1 download bench/big model-1g.bin --endpoint "$hub" --parallel-ranges 1
        run 1g.jvm java -XX:+UseSerialGC -cp "$work/floor" StreamFloor "$hub/bench/big/resolve/main/model-1g.bin" "$work/out/f"
        ;;
      https)
        run https.curl curl -sfL --cacert "$work/cert.pem" -o "$work/out/f" "$hub_tls/bench/big/resolve/main/model-1g.bin"
        run https.curlsha sh -c 'curl -sfL --cacert "$1" -o "$2" "$3" && openssl dgst -sha256 "$2"' - "$work/cert.pem" "$work/out/f" \
          "$hub_tls/bench/big/resolve/main/model-1g.bin"
        hfhub https.hfhub SSL_CERT_FILE="$work/cert.pem" download bench/big model-1g.bin --endpoint "$hub_tls"
        hfhub https.hfhub-1 SSL_CERT_FILE="$work/cert.pem" download bench/big model-1g.bin --endpoint "$hub_tls" --parallel-ranges 1
        run https.jdk java -XX:+UseSerialGC -cp "$work/tls" TlsRead "$hub_tls/bench/big/resolve/main/model-1g.bin" "$work/cert.pem"
        run https.jvm java -XX:+UseSerialGC -cp "$work/tls" TlsRead "$hub_tls/bench/big/resolve/main/model-1g.bin" "$work/cert.pem" "$work/out/f"
        ;;
      capped)
        if command -v aria2c >/dev/null; then
          run capped.aria2c aria2c -q -x8 -s8 --file-allocation=none --allow-overwrite=true -d "$work/out" -o f \
            "$hub_capped/bench/big/resolve/main/model-256m.bin"
        fi
        hfhub capped.hfhub download bench/big model-256m.bin --endpoint "$hub_capped"
        run capped.curl curl -sfL -o "$work/out/f" "$hub_capped/bench/big/resolve/main/model-256m.bin"
        ;;
      small)
        has_python && run small.python "${py[@]}" "import huggingface_hub as h; h.snapshot_download('bench/small', endpoint='$hub')"
        run small.curl curl -sfZ --parallel-max 8 -K "$work/small.curl"
        hfhub small.hfhub download bench/small --endpoint "$hub"
        # shellcheck disable=SC2046
        run small.jvm java -XX:+UseSerialGC -cp "$work/floor" SmallFloor "$hub/bench/small/resolve/main" "$work/out" \
          $(cd "$work/data/bench/small" && ls)
        ;;
      extract)
        [ "$rep" -le "$heavy_reps" ] || continue
        run tgz.tar tar -xzf "$work/extract/data.tar.gz" -C "$work/out"
        hfhub tgz.hfhub extract "$work/extract/data.tar.gz" "$work/out"
        run zip.unzip unzip -q "$work/extract/data.zip" -d "$work/out"
        hfhub zip.hfhub extract "$work/extract/data.zip" "$work/out"
        ;;
      4g)
        [ "$rep" -le "$heavy_reps" ] || continue
        run 4g.curl curl -sfL -o "$work/out/f" "$hub/bench/big/resolve/main/model-4g.bin"
        hfhub 4g.hfhub download bench/big model-4g.bin --endpoint "$hub"
        ;;
      *) echo "bench: unknown workload $w" >&2; exit 2 ;;
    esac
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/load.txt"

# ---- the table
pyver=""; has_python && pyver=" $("$python_bin" -c 'import huggingface_hub; print(huggingface_hub.__version__)')"
python3 - "$work/results" "$reps" "$heavy_reps" "$pyver" "$(nproc)" "$(cat "$work/load.txt" | paste -sd';')" "$(java -version 2>&1 | head -1)" <<'PY'
import os, statistics, sys, datetime
res, reps, heavy, pyver, cores, load, jdk = sys.argv[1:]
def get(name):
    p = os.path.join(res, name)
    if not os.path.exists(p):
        return None
    rows = [tuple(map(float, l.split())) for l in open(p) if l.strip()]
    return tuple(statistics.median(r[i] for r in rows) for i in range(3))
rows = [  # (workload, hfhub result, hfhub label, reference result, reference label, target)
    ("1 GiB LFS file", "1g.hfhub", "default", "1g.curl", "`curl -L -o`", "<= 1.25x"),
    ("1 GiB LFS file", "1g.hfhub", "default", "1g.curlsha", "`curl -L -o`, then `openssl dgst -sha256`: the same work", ""),
    ("1 GiB LFS file", "1g.hfhub-1", "`--parallel-ranges 1`", "1g.curl", "`curl -L -o`", ""),
    ("1 GiB LFS file", "1g.jvm", "the JVM alone: a hand-written GET, file writes, SHA-256 on a second thread (`bench/floor/StreamFloor.java`): the floor",
     "1g.curl", "`curl -L -o`", ""),
    ("1 GiB over HTTPS", "https.hfhub", "default", "https.curl", "`curl -L -o`", "<= 1.3x, RSS <= 150 MB"),
    ("1 GiB over HTTPS", "https.hfhub", "default", "https.curlsha", "`curl -L -o`, then `openssl dgst -sha256`: the same work", ""),
    ("1 GiB over HTTPS", "https.hfhub-1", "`--parallel-ranges 1`", "https.curl", "`curl -L -o`", ""),
    ("1 GiB over HTTPS", "https.jdk", "the JDK's TLS alone, body dropped (`bench/tls/TlsRead.java`)",
     "https.curl", "`curl -L -o`", ""),
    ("1 GiB over HTTPS", "https.jvm", "the JDK's TLS, file writes, SHA-256 on a second thread (`bench/tls/TlsRead.java` with a file)",
     "https.curl", "`curl -L -o`", ""),
    ("256 MiB, CDN 50 MB/s per connection", "capped.hfhub", "default", "capped.aria2c", "`aria2c -x8 -s8`", "<= 1.05x"),
    ("256 MiB, CDN 50 MB/s per connection", "capped.hfhub", "default", "capped.curl", "`curl -L -o` (one stream)", ""),
    ("snapshot, 300 small files", "small.hfhub", "default", "small.python", f"Python `huggingface_hub`{pyver}", "<= 0.5x"),
    ("snapshot, 300 small files", "small.hfhub", "default", "small.curl", "`curl -Z --parallel-max 8`", "<= 3x"),
    ("snapshot, 300 small files", "small.jvm", "the JVM alone: 300 plain GETs on 8 threads, nothing else (`bench/floor/SmallFloor.java`): the floor",
     "small.curl", "`curl -Z --parallel-max 8`", ""),
    ("snapshot, 300 small files", "small.hfhub-first", "first run after install (writes the class archive)",
     "small.curl", "`curl -Z --parallel-max 8`", ""),
    ("extract 1 GiB mixed, .tar.gz", "tgz.hfhub", "default", "tgz.tar", "`tar -xzf`", "<= 1x, RSS <= 150 MB"),
    ("extract 1 GiB mixed, .zip", "zip.hfhub", "default", "zip.unzip", "`unzip -q`", "<= 1x, RSS <= 150 MB"),
    ("4 GiB LFS file", "4g.hfhub", "default", "4g.curl", "`curl -L -o`", "RSS <= 150 MB"),
]
print(f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {cores} cores, {jdk}; median of {reps} runs "
      f"(extraction and 4 GiB: {heavy}); {load}")
print()
print("| workload | hfhub | time | CPU | peak RSS | reference | time | CPU | peak RSS | ratio (time) | ratio (CPU) | target |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
expanded = []
for row in rows:
    expanded.append(row)
    if get(row[1] + "~") is not None and row[2] == "default":
        expanded.append((row[0], row[1] + "~", "comparison build (HFHUB_COMPARE)") + row[3:])
for work, h, hl, r, rl, target in expanded:
    hv, rv = get(h), get(r)
    if hv is None:
        continue
    if rv is None:
        print(f"| {work} | {hl} | {hv[0]:.2f} s | {hv[2]:.2f} s | {hv[1]:.0f} MB | {rl}: not run | | | | | | {target} |")
        continue
    print(f"| {work} | {hl} | {hv[0]:.2f} s | {hv[2]:.2f} s | {hv[1]:.0f} MB | {rl} | {rv[0]:.2f} s | {rv[2]:.2f} s "
          f"| {rv[1]:.0f} MB | **{hv[0] / rv[0]:.2f}x** | {hv[2] / max(rv[2], 0.01):.2f}x | {target} |")
PY
}
main "$@"; exit $?
