package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A start does not print SLF4J's note about replayed early events; a verbosity given on the command line wins. */
class MainLoggingTest {
    @Test
    void slf4jReportsOnlyItsErrorsWhenNoVerbosityIsGiven() {
        Properties p = new Properties();
        Main.quietSlf4jNotes(p);
        assertThat(p.getProperty("slf4j.internal.verbosity")).isEqualTo("ERROR");
    }

    @Test
    void aVerbosityGivenOnTheCommandLineWins() {
        Properties p = new Properties();
        p.setProperty("slf4j.internal.verbosity", "DEBUG");
        Main.quietSlf4jNotes(p);
        assertThat(p.getProperty("slf4j.internal.verbosity")).isEqualTo("DEBUG");
    }
}
