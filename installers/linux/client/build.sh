#!/usr/bin/env bash
# Branch client: jlink'd runtime + app image, then .deb (and .rpm when rpmbuild exists).
#   linux/client/build.sh VERSION          (env: JAVA_HOME, TARGET, optional SKIP_RPM=true, TYPES="deb rpm")
# Input: $TARGET/libs/client (the desktop's runtime jars, copied by `-Ppackages`).
# Output: $TARGET/packages/branchpos_VERSION_ARCH.deb, branchpos-VERSION-1.ARCH.rpm, app image in $TARGET/app-image.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
INSTALLERS=$(cd "$HERE/../.." && pwd)
VERSION=${1:?usage: build.sh VERSION}
TARGET=${TARGET:?}
JPACKAGE="$JAVA_HOME/bin/jpackage"
LIBS="$TARGET/libs/client"
STAGE="$TARGET/stage/client"
IMAGE_DIR="$TARGET/app-image"
OUT="$TARGET/packages"
[ -d "$LIBS" ] || { echo "client: $LIBS missing (run the build with -Ppackages)" >&2; exit 1; }

rm -rf "$STAGE" "$IMAGE_DIR/branchpos" "$OUT/upgrade-test"
rm -f "$OUT"/branchpos_*.deb "$OUT"/branchpos-[0-9]*.rpm
mkdir -p "$STAGE/input/native" "$STAGE/modules" "$IMAGE_DIR" "$OUT"

# JavaFX: only the -linux classified jars are real; they go on the module path (jlink'd into the runtime).
# The unclassified javafx-*.jar are empty placeholders and must not be on the class path.
for jar in "$LIBS"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-linux.jar) cp "$jar" "$STAGE/modules/" ;;
    javafx-*) ;;
    *) cp "$jar" "$STAGE/input/" ;;
  esac
done
ls "$STAGE/modules"/javafx-graphics-*-linux.jar >/dev/null 2>&1 || { echo "client: no javafx-graphics -linux jar in $LIBS" >&2; exit 1; }

# Native libraries pre-extracted into the (read-only, exec-allowed) install dir, so nothing is unpacked
# into /tmp (often noexec) or a home directory at run time (decision 0401).
case "$(uname -m)" in
  x86_64) JSC_ARCH=x86_64 ;;
  aarch64) JSC_ARCH=armv8_64 ;;
  *) echo "client: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
(cd "$STAGE/input/native" && unzip -q -j -o "$STAGE"/input/jSerialComm-*.jar "Linux/$JSC_ARCH/libjSerialComm.so")
for jar in "$STAGE"/modules/*.jar; do
  (cd "$STAGE/input/native" && unzip -q -j -o "$jar" '*.so' 2>/dev/null || true)
done

# Templates the package installs (postinst copies them into place; see linux/client/postinst)
mkdir -p "$STAGE/input/share"
cp "$INSTALLERS/templates/branchpos.properties" "$STAGE/input/share/branchpos.properties.example"
cp "$HERE/branchpos-kiosk.desktop" "$HERE/branchpos-setup.sh" "$STAGE/input/share/"

MAIN_JAR=$(cd "$STAGE/input" && ls branchpos-desktop-*.jar)
# the class-data archive branchpos-setup.sh makes at install time (decision 0407); the JVM starts without
# it, with a warning at most, when it is missing or does not match the installed jars
CDS_ARCHIVE=/var/lib/branchpos/cds/branchpos.jsa

# Monocle (the headless platform behind --screenshot) lives on the class path and needs glass internals.
FX_OPTS=()
for pkg in javafx.graphics/com.sun.glass.ui javafx.graphics/com.sun.glass.events javafx.graphics/com.sun.glass.utils \
           javafx.graphics/com.sun.javafx.util javafx.graphics/com.sun.javafx.application javafx.graphics/com.sun.prism \
           javafx.base/com.sun.javafx.logging; do
  FX_OPTS+=(--java-options "--add-exports=$pkg=ALL-UNNAMED")
done
FX_OPTS+=(--java-options "--add-opens=javafx.graphics/com.sun.glass.ui=ALL-UNNAMED")
# collector and heap bounds of the client JVM (issue 9 target 5: <= 300 MB resident); the
# benchmarks start the app with the same file (AppBench), so what is measured is what ships
while IFS= read -r opt || [ -n "$opt" ]; do
  case "$opt" in ''|'#'*) continue ;; esac
  FX_OPTS+=(--java-options "$opt")
done < "$INSTALLERS/client-jvm-options"

echo "client: app image (jlink runtime) $VERSION"
"$JPACKAGE" --type app-image \
  --dest "$IMAGE_DIR" \
  --name branchpos \
  --app-version "$VERSION" \
  --vendor "BranchPOS" \
  --description "BranchPOS branch terminal (point of sale)" \
  --icon "$INSTALLERS/icons/branchpos.png" \
  --input "$STAGE/input" \
  --main-jar "$MAIN_JAR" \
  --main-class io.branchpos.desktop.Main \
  --module-path "$STAGE/modules" \
  --add-modules "javafx.controls,javafx.fxml,javafx.swing,java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.transaction.xa,java.xml,java.instrument,java.security.jgss,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.unsupported,jdk.zipfs,jdk.management" \
  --java-options "-Dbranchpos.data.dir=/var/lib/branchpos" \
  --java-options "-Dbranchpos.config=/etc/branchpos/branchpos.properties" \
  --java-options "-DjSerialComm.library.path=\$APPDIR/native" \
  --java-options "-Djava.library.path=\$APPDIR/native" \
  --java-options "-XX:SharedArchiveFile=$CDS_ARCHIVE" \
  "${FX_OPTS[@]}"

# AppCDS (decision 0407): one training start of this image's own launcher (headless, a throw-away data dir)
# lists the classes a start loads; the package ships the list and branchpos-setup.sh turns it into a
# class-data archive with the installed runtime and jars at install time (an archive must match the jars'
# paths and times, so it cannot be made here). _JAVA_OPTIONS is read after the launcher's own options, so
# it overrides the data dir and config file; -Xshare:off: an archive of an installed BranchPOS on this
# machine must not shorten the list.
# The training start is the demo store (1,000 products) with a query typed, so the search results'
# classes are listed too (ready-to-scan shows them).
echo "client: class list of a training start"
TRAIN="$STAGE/training"
CLASSLIST="$IMAGE_DIR/branchpos/lib/app/branchpos.classlist"
mkdir -p "$TRAIN"
echo "screenshot.query=milk" >"$TRAIN/training.properties"
if ! _JAVA_OPTIONS="-Xshare:off -XX:DumpLoadedClassList=$CLASSLIST -Dbranchpos.data.dir=$TRAIN/data -Dbranchpos.config=$TRAIN/training.properties" \
    "$IMAGE_DIR/branchpos/bin/branchpos" --demo --data-dir "$TRAIN/data" --screenshot "$TRAIN/start.png" >"$TRAIN/start.log" 2>&1 \
    || [ "$(grep -c . "$CLASSLIST" 2>/dev/null || echo 0)" -lt 1000 ]; then
  echo "client: the training start failed or listed too few classes:" >&2
  cat "$TRAIN/start.log" >&2
  exit 1
fi

build_installer() {
  local type=$1 version=$2 dest=$3
  echo "client: .$type $version"
  "$JPACKAGE" --type "$type" \
    --dest "$dest" \
    --app-image "$IMAGE_DIR/branchpos" \
    --name branchpos \
    --app-version "$version" \
    --vendor "BranchPOS" \
    --description "BranchPOS branch terminal (point of sale)" \
    --icon "$INSTALLERS/icons/branchpos.png" \
    --resource-dir "$HERE/$type" \
    --install-dir /opt \
    --linux-shortcut \
    --linux-menu-group "Office;Finance" \
    --linux-app-category "$( [ "$type" = deb ] && echo misc || echo Applications/Productivity )" \
    --linux-package-name branchpos \
    --linux-package-deps "$( [ "$type" = deb ] && echo 'libgtk-3-0' || echo 'gtk3' )" \
    --license-file "$INSTALLERS/templates/LICENSE.txt" \
    "${@:4}"
}

TYPES=${TYPES:-deb rpm}
for t in $TYPES; do
  if [ "$t" = rpm ]; then
    if [ "${SKIP_RPM:-false}" = true ]; then echo "client: .rpm skipped (SKIP_RPM=true)"; continue; fi
    if ! command -v rpmbuild >/dev/null 2>&1; then echo "client: .rpm skipped (no rpmbuild; apt-get install rpm)"; continue; fi
  fi
  build_installer "$t" "$VERSION" "$OUT" $( [ "$t" = deb ] && echo "--linux-deb-maintainer it@branchpos.example" )
done
# The installer tests upgrade N -> N+1: the same app image packaged again with a higher version.
if [ -n "${UPGRADE_TEST_VERSION:-}" ]; then
  mkdir -p "$OUT/upgrade-test"
  build_installer deb "$UPGRADE_TEST_VERSION" "$OUT/upgrade-test" --linux-deb-maintainer it@branchpos.example
fi
ls -la "$OUT"
