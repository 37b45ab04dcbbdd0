/** Hooks the native packages rely on (kiosk mode); see {@code installers/README.md}. */
package io.branchpos.desktop.install;
