package io.branchpos.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            4006381333931, true
            4006381333932, false
            73513537, true
            036000291452, true
            00036000291452, true
            40063813339a1, false
            123, false
            """)
    void checkDigitValidation(String code, boolean valid) {
        assertThat(Gtin.isValid(code)).isEqualTo(valid);
    }
}
