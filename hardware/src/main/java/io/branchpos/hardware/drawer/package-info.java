/** Cash drawers. */
package io.branchpos.hardware.drawer;
