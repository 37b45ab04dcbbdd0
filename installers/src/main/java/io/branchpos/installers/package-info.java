/** Native packaging (jpackage/jlink) of the branch client and the central server. */
package io.branchpos.installers;
