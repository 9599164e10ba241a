#!/bin/sh
# hfhub: this launcher followed by the CLI's jar, in one file; runs wherever Java 17+ is
# (JAVA_HOME, else java on the PATH). Extra JVM options: HFHUB_JAVA_OPTS.
if [ -n "$JAVA_HOME" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
command -v "$java" >/dev/null 2>&1 || { echo "hfhub: needs Java 17 or later (set JAVA_HOME or put java on the PATH)" >&2; exit 1; }
exec "$java" $HFHUB_JAVA_OPTS -jar "$0" "$@"
