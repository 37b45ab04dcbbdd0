#!/bin/sh
# Machine set-up of the BranchPOS terminal package, shared by the .deb postinst and the .rpm %post.
#   branchpos-setup.sh configure [first]   group, data directory, default config (only if missing),
#                                          kiosk autostart; `first` (first install, not an upgrade) also
#                                          gives /etc/branchpos (2770) and a pre-seeded config file (0660)
#                                          to root:branchpos
# Never touches existing data, nor the contents of an existing configuration file.
set -e
SHARE=$(dirname "$0")
CONF_DIR=/etc/branchpos
CONF=$CONF_DIR/branchpos.properties
DATA=/var/lib/branchpos
AUTOSTART=/etc/xdg/autostart/branchpos-kiosk.desktop

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
    ;;
  *)
    echo "usage: $0 configure" >&2
    exit 2
    ;;
esac
