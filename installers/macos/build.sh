#!/usr/bin/env bash
# Branch client for macOS: jlink'd runtime + .app, then .dmg and .pkg (jpackage).
#   macos/build.sh VERSION         (env: JAVA_HOME, TARGET; optional MAC_SIGN_IDENTITY for --mac-sign)
# Built by .github/workflows/installers.yml on macOS runners; it cannot run on the Linux CI machines.
# Per-machine data: /Library/Application Support/BranchPOS; config: same dir, config/branchpos.properties.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
INSTALLERS=$(cd "$HERE/.." && pwd)
VERSION=${1:?usage: build.sh VERSION}
TARGET=${TARGET:?}
JPACKAGE="$JAVA_HOME/bin/jpackage"
LIBS="$TARGET/libs/client"
STAGE="$TARGET/stage/client-mac"
OUT="$TARGET/packages"
case "$(uname -m)" in
  arm64) FX=mac-aarch64; JSC=aarch64 ;;
  *) FX=mac; JSC=x86_64 ;;
esac
rm -rf "$STAGE"
mkdir -p "$STAGE/input/native" "$STAGE/input/share" "$STAGE/modules" "$OUT"
for jar in "$LIBS"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-"$FX".jar) cp "$jar" "$STAGE/modules/" ;;
    javafx-*) ;;
    *) cp "$jar" "$STAGE/input/" ;;
  esac
done
ls "$STAGE"/modules/javafx-graphics-*-"$FX".jar >/dev/null || { echo "macos: no javafx-graphics -$FX jar in $LIBS" >&2; exit 1; }
(cd "$STAGE/input/native" && unzip -q -j -o "$STAGE"/input/jSerialComm-*.jar "OSX/$JSC/libjSerialComm.dylib")
for jar in "$STAGE"/modules/*.jar; do (cd "$STAGE/input/native" && unzip -q -j -o "$jar" '*.dylib' 2>/dev/null || true); done
cp "$INSTALLERS/templates/branchpos.properties" "$STAGE/input/share/branchpos.properties.example"
MAIN_JAR=$(cd "$STAGE/input" && ls branchpos-desktop-*.jar)

# jpackage splits each --java-options value on blanks unless quoted: the paths with a space carry quotes
FX_OPTS=()
for pkg in javafx.graphics/com.sun.glass.ui javafx.graphics/com.sun.glass.events javafx.graphics/com.sun.glass.utils \
           javafx.graphics/com.sun.javafx.util javafx.graphics/com.sun.javafx.application javafx.graphics/com.sun.prism \
           javafx.base/com.sun.javafx.logging; do
  FX_OPTS+=(--java-options "--add-exports=$pkg=ALL-UNNAMED")
done
# collector and heap bounds of the client JVM (issue 9 target 5: <= 300 MB resident); the
# benchmarks start the app with the same file (AppBench), so what is measured is what ships
while IFS= read -r opt || [ -n "$opt" ]; do
  case "$opt" in ''|'#'*) continue ;; esac
  FX_OPTS+=(--java-options "$opt")
done < "$INSTALLERS/client-jvm-options"
SIGN=()
if [ -n "${MAC_SIGN_IDENTITY:-}" ]; then SIGN=(--mac-sign --mac-signing-key-user-name "$MAC_SIGN_IDENTITY"); fi

"$JPACKAGE" --type app-image --dest "$STAGE/image" --name BranchPOS --app-version "$VERSION" \
  --vendor BranchPOS --description "BranchPOS branch terminal" \
  --icon "$HERE/branchpos.icns" --mac-package-identifier io.branchpos.desktop \
  --input "$STAGE/input" --main-jar "$MAIN_JAR" --main-class io.branchpos.desktop.Main \
  --module-path "$STAGE/modules" \
  --add-modules "javafx.controls,javafx.fxml,javafx.swing,java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.transaction.xa,java.xml,java.instrument,java.security.jgss,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.unsupported,jdk.zipfs,jdk.management" \
  --java-options "\"-Dbranchpos.data.dir=/Library/Application Support/BranchPOS\"" \
  --java-options "\"-Dbranchpos.config=/Library/Application Support/BranchPOS/config/branchpos.properties\"" \
  --java-options '-DjSerialComm.library.path=$APPDIR/native' \
  --java-options '-Djava.library.path=$APPDIR/native' \
  "${FX_OPTS[@]}" "${SIGN[@]}"

for type in dmg pkg; do
  "$JPACKAGE" --type "$type" --dest "$OUT" --app-image "$STAGE/image/BranchPOS.app" --name BranchPOS \
    --app-version "$VERSION" --vendor BranchPOS --license-file "$INSTALLERS/templates/LICENSE.txt" \
    --resource-dir "$HERE/resources" "${SIGN[@]}"
done
ls -la "$OUT"
