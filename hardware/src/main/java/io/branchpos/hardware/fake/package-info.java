/**
 * In-memory devices for the desktop's tests and for running without hardware: scripted scale, recording
 * printer, display and drawer. Thread-safe; no I/O.
 */
package io.branchpos.hardware.fake;
