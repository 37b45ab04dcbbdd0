package io.branchpos.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class VariableMeasurePropertyTest {

    private final VariableMeasureTemplate weight =
            new VariableMeasureTemplate("28IIIIIKVVVVC", VariableMeasureTemplate.Measure.WEIGHT_KG, 3);
    private final VariableMeasureTemplate price =
            new VariableMeasureTemplate("21IIIIIVVVVVC", VariableMeasureTemplate.Measure.PRICE, 2);
    private final ScanParser parser = new ScanParser(List.of(weight, price));

    @Property(seed = "20261122")
    void encodedWeightDecodesToTheSameItemAndWeight(@ForAll @IntRange(min = 0, max = 99999) int item,
                                                    @ForAll @IntRange(min = 1, max = 9999) int grams) {
        String itemRef = String.format("%05d", item);
        BigDecimal kg = BigDecimal.valueOf(grams, 3);

        ScannedCode code = parser.parse(weight.encode(itemRef, kg));

        assertThat(code).isInstanceOfSatisfying(ScannedCode.VariableMeasure.class, v -> {
            assertThat(v.itemReference()).isEqualTo(itemRef);
            assertThat(v.value()).isEqualTo(kg);
            assertThat(Gtins.isValid(v.lookupGtin14())).isTrue();
        });
    }

    @Property(seed = "20261122")
    void wrongPriceCheckDigitIsRejectedEvenWithAValidEanCheckDigit(@ForAll @IntRange(min = 1, max = 9999) int grams,
                                                                   @ForAll @IntRange(min = 1, max = 9) int delta) {
        String good = weight.encode("12345", BigDecimal.valueOf(grams, 3));
        char k = (char) ('0' + (good.charAt(7) - '0' + delta) % 10);
        String tampered = Gtins.withCheckDigit(good.substring(0, 7) + k + good.substring(8, 12));

        assertThat(parser.parse(tampered)).isInstanceOf(ScannedCode.Unrecognized.class);
    }

    @Property(seed = "20261122")
    void encodedPriceDecodesExactly(@ForAll @IntRange(min = 0, max = 99999) int cents) {
        BigDecimal amount = BigDecimal.valueOf(cents, 2);

        ScannedCode code = parser.parse(price.encode("00123", amount));

        assertThat(code).isInstanceOfSatisfying(ScannedCode.VariableMeasure.class, v -> assertThat(v.value()).isEqualTo(amount));
    }
}
