# Sourced by ./memoria and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already 21+, else takes the newest JDK under /usr/lib/jvm.
memoria_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}
memoria_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(memoria_java_major "$JAVA_HOME")" -ge 21 ]; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(memoria_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Memoria needs a JDK 21 or newer: none found (set JAVA_HOME)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
memoria_find_jdk
