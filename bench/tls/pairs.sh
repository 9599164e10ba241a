#!/usr/bin/env bash
# Paired timing on a shared machine: runs each variant once per round, in turn, for REPS rounds, and prints each
# variant's median wall and CPU seconds (whole process, /usr/bin/time) and its ratio to the first variant.
# Usage: REPS=5 bench/tls/pairs.sh 'name1::command1' 'name2::command2' ...
#   OUTPUTS=dir keeps each run's last line of standard output in dir/<variant number> (TlsFloor prints its readers'
#   CPU seconds there).
#   SERVER_PIDS="pid..." also sums those processes' CPU seconds during each run (the bench's own nginx workers,
#   which serve nothing else): on 2 cores the server's encryption competes with the client for the same CPUs.
set -euo pipefail
reps="${REPS:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
server_cpu() { # clock ticks of user + system time of SERVER_PIDS
  local t=0
  for p in ${SERVER_PIDS:-}; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$t"
}
for rep in $(seq "$reps"); do
  i=0
  for v in "$@"; do
    cmd="${v#*::}"
    s0=$(server_cpu)
    if ! /usr/bin/time -f '%e %U %S' -o "$out/t" bash -c "$cmd" > "$out/o" 2> "$out/e"; then
      echo "failed: ${v%%::*}: $(tail -2 "$out/e")" >&2
    else
      read -r wall user sys < <(tail -1 "$out/t")
      [ -z "${OUTPUTS:-}" ] || tail -1 "$out/o" >> "$OUTPUTS/$i"
      echo "$wall $(echo "$user + $sys" | bc -l) $(echo "($(server_cpu) - $s0) / $(getconf CLK_TCK)" | bc -l)" >> "$out/$i"
    fi
    i=$((i + 1))
  done
done
echo "$(date -u '+%Y-%m-%d %H:%M') UTC, median of $reps paired rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$@" <<'PY'
import statistics, sys, os
out, variants = sys.argv[1], sys.argv[2:]
base = None
for i, v in enumerate(variants):
    p = os.path.join(out, str(i))
    if not os.path.exists(p):
        print(f"{v.split('::')[0]:<28} failed"); continue
    rows = [tuple(map(float, l.split())) for l in open(p)]
    wall, cpu, srv = (statistics.median(r[k] for r in rows) for k in range(3))
    base = base or wall
    print(f"{v.split('::')[0]:<28} wall {wall:6.2f} s  cpu {cpu:6.2f} s  server cpu {srv:5.2f} s  x{wall / base:5.2f}"
          f"  (walls {' '.join(f'{r[0]:.2f}' for r in rows)})")
PY
