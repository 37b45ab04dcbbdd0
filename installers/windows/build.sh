#!/usr/bin/env bash
# Branch client for Windows: jlink'd runtime + app image, then an .msi (jpackage + WiX 3.x on PATH).
#   windows/build.sh VERSION       (Git Bash on Windows; env: JAVA_HOME, TARGET)
# Built by .github/workflows/installers.yml on windows-2022; it cannot run on the Linux CI machines.
# Per-machine data: C:\ProgramData\BranchPOS (database, logs); config: C:\ProgramData\BranchPOS\config\branchpos.properties.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
INSTALLERS=$(cd "$HERE/.." && pwd)
VERSION=${1:?usage: build.sh VERSION}
TARGET=${TARGET:?}
JPACKAGE="$JAVA_HOME/bin/jpackage"
LIBS="$TARGET/libs/client"
STAGE="$TARGET/stage/client-win"
OUT="$TARGET/packages"
rm -rf "$STAGE"
mkdir -p "$STAGE/input/native" "$STAGE/input/share" "$STAGE/modules" "$OUT"
for jar in "$LIBS"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-win.jar) cp "$jar" "$STAGE/modules/" ;;
    javafx-*) ;;
    *) cp "$jar" "$STAGE/input/" ;;
  esac
done
ls "$STAGE"/modules/javafx-graphics-*-win.jar >/dev/null || { echo "windows: no javafx-graphics -win jar in $LIBS" >&2; exit 1; }
# natives pre-extracted into the install dir (Program Files: read-only for users, no %TEMP% extraction)
(cd "$STAGE/input/native" && unzip -q -j -o "$STAGE"/input/jSerialComm-*.jar "Windows/x86_64/jSerialComm.dll")
for jar in "$STAGE"/modules/*.jar; do (cd "$STAGE/input/native" && unzip -q -j -o "$jar" '*.dll' 2>/dev/null || true); done
cp "$INSTALLERS/templates/branchpos.properties" "$STAGE/input/share/branchpos.properties.example"
MAIN_JAR=$(cd "$STAGE/input" && ls branchpos-desktop-*.jar)

# forward slashes: jpackage splits --java-options on blanks and treats backslashes as escapes; Java reads C:/x fine
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

"$JPACKAGE" --type app-image --dest "$STAGE/image" --name BranchPOS --app-version "$VERSION" \
  --vendor BranchPOS --description "BranchPOS branch terminal" \
  --icon "$HERE/branchpos.ico" \
  --input "$STAGE/input" --main-jar "$MAIN_JAR" --main-class io.branchpos.desktop.Main \
  --module-path "$STAGE/modules" \
  --add-modules "javafx.controls,javafx.fxml,javafx.swing,java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.transaction.xa,java.xml,java.instrument,java.security.jgss,jdk.crypto.ec,jdk.crypto.mscapi,jdk.localedata,jdk.charsets,jdk.unsupported,jdk.zipfs,jdk.management" \
  --java-options '-Dbranchpos.data.dir=C:/ProgramData/BranchPOS' \
  --java-options '-Dbranchpos.config=C:/ProgramData/BranchPOS/config/branchpos.properties' \
  --java-options '-DjSerialComm.library.path=$APPDIR/native' \
  --java-options '-Djava.library.path=$APPDIR/native' \
  "${FX_OPTS[@]}"

# --win-upgrade-uuid is FIXED for the life of the product: it makes version N+1 replace N (never change it).
"$JPACKAGE" --type msi --dest "$OUT" --app-image "$STAGE/image/BranchPOS" --name BranchPOS --app-version "$VERSION" \
  --vendor BranchPOS --description "BranchPOS branch terminal" \
  --resource-dir "$HERE/resources" \
  --license-file "$INSTALLERS/templates/LICENSE.txt" \
  --win-upgrade-uuid 6f1f3c8e-2b7a-4d5e-9a41-0c8b5e7d9a10 \
  --win-menu --win-menu-group BranchPOS --win-shortcut
ls -la "$OUT"
