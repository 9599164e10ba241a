#!/bin/sh
# hfhub: this launcher followed by the CLI's jar, in one file; runs wherever Java 17+ is
# (JAVA_HOME, else java on the PATH). Extra JVM options: HFHUB_JAVA_OPTS (after ours, so they win).
if [ -n "$JAVA_HOME" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
command -v "$java" >/dev/null 2>&1 || { echo "hfhub: needs Java 17 or later (set JAVA_HOME or put java on the PATH)" >&2; exit 1; }

# JVM flags chosen by measurement (bench/run.sh; README "Benchmarks"): the serial collector and a heap cap keep the
# peak RSS under 150 MB on every workload (the default G1 heap of a quarter of RAM let garbage grow it to 660 MB on a
# 300-file snapshot), without costing throughput: hfhub's transfers keep a fixed set of buffers. No C1-only flag
# (TieredStopAtLevel=1 starts faster but makes sha256 ten times slower: C2 alone uses the CPU's SHA instructions).
# JVM warnings go to stderr: stdout's last line is the command's result.
opts="-XX:+UseSerialGC -Xms16m -Xmx128m -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr"
# The JIT of a download, by measurement too: hundreds of code paths run a few hundred times each (once per file,
# request, header line) and a few loops (SHA-256, SHA-1, AES-GCM) run over every byte. The default thresholds compile
# the lukewarm paths within the first second, and on 2 cores the compiler threads take that CPU from the transfer:
# four times the thresholds leave them to the interpreter, while the JDK's digest and cipher classes compile at a fifth
# of the default ones. Paired runs against no flags, 2026-11-30: CPU 4% lower for a GiB, 8% for a 300-file snapshot,
# 23% for a GiB over HTTPS, 12% for one small file over HTTPS. (All of sun.security at a fifth made that last one 8%
# slower: the handshake's certificate and key code, run once, was compiled.) Other commands keep the defaults: an
# extraction is a few hot loops, and gained nothing measurable.
# (CompileCommand=quiet first: the JVM would print each CompileCommand on stdout. The patterns' stars are the JVM's:
# no word below is ever expanded by the shell, set -f.)
set -f
case "$1" in
  download) opts="$opts -XX:CompileThresholdScaling=4 -XX:CompileCommand=quiet
    -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.05
    -XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.05" ;;
esac

# Class data sharing: the first run of each command writes an archive of the classes it loaded (JDK 17's dynamic
# AppCDS), later runs map it instead of parsing the jar again. The archive is named after this file's size and
# time and the JVM, so an upgrade of either starts a new one; HFHUB_CDS=0 turns it off.
# This file by its absolute path: an archive records the jar's path, and is only mapped by a run that names the same.
# Few processes are started here (each costs a fork and an exec before the JVM even starts): the path and the java
# binary are found with the shell's own expansions and tests; only the key takes ls and cksum.
case "$0" in
  /*) self="$0" ;;
  ./*) self="$PWD/${0#./}" ;;
  *) self="$PWD/$0" ;;
esac
archive=""
if [ "${HFHUB_CDS:-1}" != 0 ]; then
  case "$1" in download|extract|cache|auth|serve) command_name="$1" ;; *) command_name=other ;; esac
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/hfhub/jvm"
  case "$java" in
    */*) java_path="$java" ;;
    *) java_path=""; old_ifs="$IFS"; IFS=:
       for d in $PATH; do if [ -x "${d:-.}/java" ] && [ ! -d "${d:-.}/java" ]; then java_path="${d:-.}/java"; break; fi; done
       IFS="$old_ifs" ;;
  esac
  [ -n "$java_path" ] && java="$java_path" # exec'd by its path: no second search of the PATH
  key="$({ ls -lnL "$self" "$java_path"; printf '%s' "$java_path"; } 2>/dev/null | cksum)"
  key="${key%% *}"
  if [ -n "$java_path" ] && [ -n "$key" ] && { [ -d "$dir" ] || mkdir -p "$dir" 2>/dev/null; } && [ -w "$dir" ]; then
    archive="$dir/$command_name-$key.jsa"
  fi
fi
if [ -n "$archive" ] && [ -f "$archive" ]; then
  # shellcheck disable=SC2086
  exec "$java" $opts -XX:SharedArchiveFile="$archive" $HFHUB_JAVA_OPTS -jar "$self" "$@"
elif [ -n "$archive" ]; then
  # a unique name, renamed at the end: two first runs at once never map a half-written archive
  partial="$archive.$$.tmp"
  # only the classes this run loads: loading every class a later run might need (hfhub's own, the JDK's TLS)
  # made a 7-16 MB archive whose mapping cost every later run more than the classes it saved (measured, README)
  # shellcheck disable=SC2086
  "$java" $opts -XX:ArchiveClassesAtExit="$partial" $HFHUB_JAVA_OPTS -jar "$self" "$@"
  status=$?
  if [ -s "$partial" ]; then
    # archives of an older jar or JVM are never mapped again: removed once a week old. Not at once: two installs
    # (or a JAVA_HOME switched back and forth) sharing this folder would delete each other's on every run. A
    # partial one an hour old is a first run's that was killed before its rename
    find "$dir" -maxdepth 1 \( \( -name "$command_name-*.jsa" ! -name "${archive##*/}" -mtime +7 \) \
      -o \( -name "$command_name-*.jsa.*.tmp" -mmin +60 \) \) -exec rm -f {} + 2>/dev/null
    mv -f "$partial" "$archive" 2>/dev/null
  else
    rm -f "$partial"
  fi
  exit $status
fi
# shellcheck disable=SC2086
exec "$java" $opts $HFHUB_JAVA_OPTS -jar "$self" "$@"
