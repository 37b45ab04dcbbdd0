package io.branchpos.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class GtinPropertyTest {

    @Property(seed = "20261122")
    void generatedGtinAlwaysValidates(@ForAll("bodies") String body) {
        String gtin = Gtins.withCheckDigit(body);
        assertThat(Gtins.isValid(gtin)).isTrue();
        assertThat(Gtins.toGtin14(gtin)).hasValueSatisfying(g14 -> assertThat(g14).hasSize(14).endsWith(gtin));
    }

    @Property(seed = "20261122")
    void anySingleDigitChangeFailsValidation(@ForAll("bodies") String body,
                                             @ForAll @IntRange(min = 0, max = 13) int position,
                                             @ForAll @IntRange(min = 1, max = 9) int delta) {
        String gtin = Gtins.withCheckDigit(body);
        int pos = position % gtin.length();
        char changed = (char) ('0' + (gtin.charAt(pos) - '0' + delta) % 10);
        String tampered = gtin.substring(0, pos) + changed + gtin.substring(pos + 1);
        assertThat(Gtins.isValid(tampered)).as("%s -> %s", gtin, tampered).isFalse();
    }

    @Provide
    Arbitrary<String> bodies() {
        // GTIN-8, -12, -13 and -14 without their check digit
        Arbitrary<Integer> length = Arbitraries.of(7, 11, 12, 13);
        return Combinators.combine(length, Arbitraries.strings().numeric().ofLength(13))
                .as((len, digits) -> digits.substring(0, len));
    }
}
