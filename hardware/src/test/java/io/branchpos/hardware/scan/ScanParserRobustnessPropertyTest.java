package io.branchpos.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ScanParserRobustnessPropertyTest {

    private final ScanParser parser = new ScanParser(List.of(
            new VariableMeasureTemplate("28IIIIIKVVVVC", VariableMeasureTemplate.Measure.WEIGHT_KG, 3)));

    @Property(tries = 500, seed = "20261122")
    void anyScannedTextGivesAResultNeverAnException(@ForAll("scannerish") String raw) {
        ScannedCode code = parser.parse(raw);

        assertThat(code).isNotNull();
        assertThat(code.raw()).isEqualTo(raw);
    }

    @Provide
    Arbitrary<String> scannerish() {
        Arbitrary<String> prefix = Arbitraries.of("", "]C1", "]E0", "]Q3", "https://id.gs1.org/01/", "BPOS:R:", "(01)", "\u001D");
        Arbitrary<String> body = Arbitraries.strings().withChars("0123456789%()/?=&:-\u001DABCxyz").ofMaxLength(40);
        return net.jqwik.api.Combinators.combine(prefix, body).as(String::concat);
    }

    @Property(tries = 200, seed = "20261122")
    void weightIsNeverADouble(@ForAll("grams") int grams) {
        String code = new VariableMeasureTemplate("28IIIIIKVVVVC", VariableMeasureTemplate.Measure.WEIGHT_KG, 3)
                .encode("00042", BigDecimal.valueOf(grams, 3));
        assertThat(parser.parse(code)).isInstanceOfSatisfying(ScannedCode.VariableMeasure.class,
                v -> assertThat(v.value().scale()).isEqualTo(3));
    }

    @Provide
    Arbitrary<Integer> grams() {
        return Arbitraries.integers().between(1, 9999);
    }
}
