/** The branch terminal's JavaFX application: screens (FXML + view models), wiring and the main class. */
package io.branchpos.desktop;
