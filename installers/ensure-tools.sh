#!/usr/bin/env bash
# Installs what building and testing the Linux packages needs (called by `-Ppackages` before packaging):
# fakeroot + dpkg-dev (jpackage's .deb), rpm (jpackage's .rpm), the packages' own dependencies
# (libgtk-3-0, xdg-utils, curl: the tests install with dpkg -i, which does not fetch them), xvfb + xauth (running the
# installed client with a real display), binutils (objcopy, used by jlink --strip-debug).
# Never fails by itself: the build step or test that needs a missing tool says so.
set -u
[ "$(uname -s)" = Linux ] && command -v dpkg-query >/dev/null 2>&1 || exit 0
needed=(fakeroot dpkg-dev rpm xvfb xauth libgtk-3-0 xdg-utils curl binutils)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installers/ensure-tools: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >/dev/null 2>&1) ||
    (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >/dev/null 2>&1) ||
    echo "installers/ensure-tools: could not install ${missing[*]}; packaging or its tests will say what is missing"
else
  echo "installers/ensure-tools: please install ${missing[*]} (e.g. sudo apt-get install ${missing[*]})"
fi
exit 0
