#!/bin/sh
# Machine set-up of the BranchPOS terminal package, shared by the .deb postinst and the .rpm %post.
#   branchpos-setup.sh configure [first]   group, data directory, default config (only if missing),
#                                          kiosk autostart; `first` (first install, not an upgrade) also
#                                          gives a pre-seeded config file to root:branchpos 0640
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
    install -d -m 0755 "$CONF_DIR"
    if [ ! -e "$CONF" ]; then
      install -m 0640 -o root -g branchpos "$SHARE/branchpos.properties.example" "$CONF"
    elif [ "${2:-}" = first ]; then
      # pre-seeded before the group existed: terminal accounts must read it, nobody else (enrollment code)
      chown root:branchpos "$CONF"
      chmod 0640 "$CONF"
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
