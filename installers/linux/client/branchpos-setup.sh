#!/bin/sh
# Machine set-up of the BranchPOS terminal package, shared by the .deb postinst and the .rpm %post.
#   branchpos-setup.sh configure [first]   group, data directory, default config (only if missing),
#                                          kiosk autostart; `first` (first install, not an upgrade) also
#                                          gives /etc/branchpos (2770) and a pre-seeded config file (0660)
#                                          to root:branchpos; (re)makes the class-data archive the launcher
#                                          maps at every start (decision 0407)
# Never touches existing data, nor the contents of an existing configuration file.
set -e
SHARE=$(dirname "$0")
CONF_DIR=/etc/branchpos
CONF=$CONF_DIR/branchpos.properties
DATA=/var/lib/branchpos
AUTOSTART=/etc/xdg/autostart/branchpos-kiosk.desktop
APP=$(cd "$SHARE/.." && pwd)
LAUNCHER=$(cd "$APP/../.." && pwd)/bin/branchpos
CDS=$DATA/cds

case "$1" in
  configure)
    # terminal users (cashier/kiosk accounts) join this group: it may read the config and write the data
    getent group branchpos >/dev/null 2>&1 || groupadd --system branchpos
    install -d -m 2770 -o root -g branchpos "$DATA"
    # The terminal app removes the spent one-time enrollment code from the config file itself, by writing a
    # new file next to it and renaming it over the old one: the directory is writable by the group, and
    # setgid so the new file stays in the group (decision 0404). Set on the first install only: an IT that
    # locks it down (0755 + a 0640 file) keeps that; the app then records the code as used and logs it.
    if [ "${2:-}" = first ] || [ ! -d "$CONF_DIR" ]; then
      install -d -m 2770 -o root -g branchpos "$CONF_DIR"
    fi
    if [ ! -e "$CONF" ]; then
      install -m 0660 -o root -g branchpos "$SHARE/branchpos.properties.example" "$CONF"
    elif [ "${2:-}" = first ]; then
      # pre-seeded before the group existed: terminal accounts read it (and drop the spent code), nobody else
      chown root:branchpos "$CONF"
      chmod 0660 "$CONF"
    fi
    # kiosk=true in the system config: start the terminal full screen at every graphical login
    if grep -Eq '^[[:space:]]*kiosk[[:space:]]*[=:][[:space:]]*true[[:space:]]*$' "$CONF" 2>/dev/null; then
      install -d -m 0755 /etc/xdg/autostart
      install -m 0644 "$SHARE/branchpos-kiosk.desktop" "$AUTOSTART"
    else
      rm -f "$AUTOSTART"
    fi
    # AppCDS (decision 0407): the classes a start loads (the list the package ships), parsed and laid out
    # once by the installed runtime from the installed jars into an archive the launcher maps at every
    # start (-XX:SharedArchiveFile in its options). Made anew on every install and upgrade, as an archive
    # only fits the jars it was made from. The JVM starts without a missing or mismatched archive (a
    # warning at most) but may crash on a truncated one, so it is written under another name and renamed.
    # _JAVA_OPTIONS is read after the launcher's options and overrides its archive path; -Xshare:dump
    # ends the JVM once the archive is written. Never fails the install: without it the app is slower.
    install -d -m 0755 -o root -g root "$CDS"
    rm -f "$CDS/branchpos.jsa" "$CDS/branchpos.jsa.tmp"
    if [ -s "$APP/branchpos.classlist" ] && _JAVA_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$APP/branchpos.classlist -XX:SharedArchiveFile=$CDS/branchpos.jsa.tmp" \
        "$LAUNCHER" >"$CDS/dump.log" 2>&1 && [ -s "$CDS/branchpos.jsa.tmp" ]; then
      chmod 0644 "$CDS/branchpos.jsa.tmp"
      mv -f "$CDS/branchpos.jsa.tmp" "$CDS/branchpos.jsa"
    else
      rm -f "$CDS/branchpos.jsa.tmp"
      echo "branchpos: no class-data archive (see $CDS/dump.log): the terminal starts without it, slower" >&2
    fi
    ;;
  *)
    echo "usage: $0 configure" >&2
    exit 2
    ;;
esac
