#!/usr/bin/env bash
# Builds the native packages of this OS: build-packages.sh VERSION [client] [server]  (server: Linux only)
# Needs JAVA_HOME (a JDK 17 with jpackage) and the class paths that `-Ppackages` copies to
# $TARGET/libs/{client,server}. Output: $TARGET/packages/*.deb (and *.rpm when rpmbuild exists).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VERSION=${1:?usage: build-packages.sh VERSION [client] [server]}
shift
export TARGET=${TARGET:-$HERE/target}
export JAVA_HOME=${JAVA_HOME:?set JAVA_HOME to a JDK 17+}
[ $# -eq 0 ] && set -- client server
for what in "$@"; do
  case "$what" in
    client)
      case "$(uname -s)" in
        Linux) "$HERE/linux/client/build.sh" "$VERSION" ;;
        Darwin) "$HERE/macos/build.sh" "$VERSION" ;;
        MINGW*|MSYS*|CYGWIN*) "$HERE/windows/build.sh" "$VERSION" ;;
        *) echo "build-packages: no client package for $(uname -s)" >&2; exit 2 ;;
      esac ;;
    server)
      [ "$(uname -s)" = Linux ] || { echo "build-packages: the server package is built on Linux only" >&2; exit 2; }
      "$HERE/linux/server/build.sh" "$VERSION" ;;
    *) echo "build-packages: unknown package '$what' (client, server)" >&2; exit 2 ;;
  esac
done
