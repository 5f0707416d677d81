# Sourced by bin/tiergate and bin/test: finds the newest JDK >= 21 and exports JAVA_HOME.
# Order of preference: $JAVA_HOME if it is new enough, then the newest of the usual install folders.

tiergate_jdk_major() {
  local home="$1" version=""
  [ -x "$home/bin/java" ] || return 1
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  printf '%s\n' "${version%%[.+-]*}"
}

tiergate_find_jdk() {
  local min=21 best="" best_major=0 home major candidates=()
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(tiergate_jdk_major "$JAVA_HOME" 2>/dev/null || true)
    if [ -n "$major" ] && [ "$major" -ge "$min" ] 2>/dev/null && [ -x "$JAVA_HOME/bin/javac" ]; then
      return 0
    fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*/jdk* \
              "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    major=$(tiergate_jdk_major "$home" 2>/dev/null || true)
    [ -n "$major" ] || continue
    if [ "$major" -ge "$min" ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "tiergate: no JDK 21 or newer found (looked at \$JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
    echo "          Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

# Maven itself runs on the chosen JDK; newer JDKs warn about Maven's own use of sun.misc.Unsafe.
tiergate_maven_opts() {
  local major
  major=$(tiergate_jdk_major "$JAVA_HOME")
  if [ "$major" -ge 24 ] 2>/dev/null; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  fi
}
