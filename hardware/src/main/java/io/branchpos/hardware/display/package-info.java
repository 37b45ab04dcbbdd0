/** Customer displays (pole displays over serial). */
package io.branchpos.hardware.display;
