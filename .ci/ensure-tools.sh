#!/usr/bin/env bash
# Installs the system tools that tests drive as real peers (socat for serial pty pairs, strace for
# the fsync evidence). Called by the Maven build, so `./mvnw verify` works on a fresh machine.
# Never fails the build by itself: a test that needs a missing tool says so clearly.
set -u
missing=()
for tool in "$@"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tools: installing ${missing[*]}"
  (apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1) ||
    (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1) ||
    echo "ensure-tools: could not install ${missing[*]}; tests that need them will fail and say so"
else
  echo "ensure-tools: please install ${missing[*]} (e.g. sudo apt-get install ${missing[*]})"
fi
exit 0
