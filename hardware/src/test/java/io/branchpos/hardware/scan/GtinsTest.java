package io.branchpos.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            400638133393,   1
            590123412345,   7
            950110153100,   0
            9638507,        4
            03600029145,    2
            1001234567890,  2
            """)
    void checkDigitMatchesGs1Examples(String withoutCheck, int expected) {
        assertThat(CheckDigits.gs1(withoutCheck)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} valid={1}")
    @CsvSource(textBlock = """
            4006381333931,  true
            4006381333932,  false
            96385074,       true
            96385075,       false
            036000291452,   true
            10012345678902, true
            123,            false
            40063813339A1,  false
            """)
    void validatesEanUpcAndGtin14CheckDigits(String code, boolean valid) {
        assertThat(Gtins.isValid(code)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            96385074,       00000096385074
            036000291452,   00036000291452
            4006381333931,  04006381333931
            10012345678902, 10012345678902
            """)
    void normalisesToGtin14(String code, String gtin14) {
        assertThat(Gtins.toGtin14(code)).contains(gtin14);
        assertThat(Gtins.shortest(gtin14)).isEqualTo(code);
    }

    @ParameterizedTest(name = "UPC-E {0} -> UPC-A {1}")
    @CsvSource(textBlock = """
            04252614, 042100005264
            01234565, 012345000065
            425261,   042100005264
            0425261,  042100005264
            """)
    void upcEExpandsToUpcA(String upcE, String upcA) {
        assertThat(Gtins.expandUpcE(upcE)).isEqualTo(upcA);
        assertThat(Gtins.isValid(upcA)).isTrue();
    }

    @ParameterizedTest(name = "UPC-E last digit {0}")
    @CsvSource(textBlock = """
            0123450, 01200000345
            0123451, 01210000345
            0123452, 01220000345
            0123453, 01230000045
            0123454, 01234000005
            0123457, 01234500007
            """)
    void upcEExpansionFollowsTheLastDigitRule(String upcEWithoutCheck, String upcAWithoutCheck) {
        assertThat(Gtins.expandUpcE(upcEWithoutCheck)).isEqualTo(Gtins.withCheckDigit(upcAWithoutCheck));
    }

    @Test
    void upcEWithWrongCheckDigitIsRejected() {
        assertThatThrownBy(() -> Gtins.expandUpcE("04252615")).hasMessageContaining("check digit");
    }

    @ParameterizedTest(name = "price field {0} -> {1}")
    @CsvSource(textBlock = """
            2875,  9
            14685, 6
            1234,  9
            """)
    void priceCheckDigitMatchesGs1Examples(String value, int expected) {
        assertThat(CheckDigits.priceWeight(value)).isEqualTo(expected);
    }
}
