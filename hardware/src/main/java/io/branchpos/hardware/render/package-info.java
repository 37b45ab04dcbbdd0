/** The ESC/POS renderer: turns printer bytes back into a receipt image (preview, virtual printer, tests). */
package io.branchpos.hardware.render;
