package io.branchpos.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanParserTest {

    private final ScanParser parser = new ScanParser(List.of(
            new VariableMeasureTemplate("21IIIIIVVVVVC", VariableMeasureTemplate.Measure.PRICE, 2),
            new VariableMeasureTemplate("28IIIIIKVVVVC", VariableMeasureTemplate.Measure.WEIGHT_KG, 3),
            new VariableMeasureTemplate("02IIIIIKVVVVC", VariableMeasureTemplate.Measure.PRICE, 2)));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            4006381333931,     04006381333931
            ]E04006381333931,  04006381333931
            96385074,          00000096385074
            ]E496385074,       00000096385074
            036000291452,      00036000291452
            04252614,          00042100005264
            ]E004252614,       00042100005264
            10012345678902,    10012345678902
            2012345678903,     02012345678903
            """)
    void productCodesNormaliseToGtin14(String raw, String gtin14) {
        assertThat(parser.parse(raw)).isEqualTo(new ScannedCode.Product(raw, gtin14));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(textBlock = """
            4006381333932,  check digit wrong
            12345,          no product code has 5 digits
            2812345012345,  price/weight check digit wrong
            hello,          not a product code
            """)
    void badCodesAreUnrecognizedWithAReason(String raw, String reason) {
        assertThat(parser.parse(raw)).isInstanceOfSatisfying(ScannedCode.Unrecognized.class,
                u -> assertThat(u.reason()).contains(reason));
    }

    @ParameterizedTest(name = "{0} -> item {2} value {4}")
    @CsvSource(textBlock = """
            2100123012343, 02100123000005, 00123, PRICE,     12.34
            2812345912348, 02812345000007, 12345, WEIGHT_KG, 1.234
            0200123928759, 00200123000004, 00123, PRICE,     28.75
            200123928759,  00200123000004, 00123, PRICE,     28.75
            """)
    void variableMeasureCodesDecodeWithTheirTemplate(String raw, String lookup, String item,
                                                     VariableMeasureTemplate.Measure measure, BigDecimal value) {
        assertThat(parser.parse(raw)).isEqualTo(new ScannedCode.VariableMeasure(raw, lookup, item, measure, value));
    }

    @Test
    void variableMeasureTemplateEncodesWhatItDecodes() {
        VariableMeasureTemplate t = new VariableMeasureTemplate("28IIIIIKVVVVC", VariableMeasureTemplate.Measure.WEIGHT_KG, 3);
        String code = t.encode("12345", new BigDecimal("1.234"));
        assertThat(code).isEqualTo("2812345912348");
    }

    @Test
    void gs1128WithGroupSeparatorsParsesAllAis() {
        String raw = "]C101095060001343521712123110ABC123\u001D21SER42\u001D3103001234";
        ScannedCode code = parser.parse(raw);
        assertThat(code).isInstanceOfSatisfying(ScannedCode.Gs1Data.class, g -> {
            Gs1ElementString d = g.data();
            assertThat(d.gtin()).contains("09506000134352");
            assertThat(d.expiry()).contains(LocalDate.of(2012, 12, 31));
            assertThat(d.batch()).contains("ABC123");
            assertThat(d.serial()).contains("SER42");
            assertThat(d.netWeightKg()).contains(new BigDecimal("1.234"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            ]e00109506000134352
            ]Q30109506000134352
            0109506000134352
            (01)09506000134352
            """)
    void gs1SourcesAgreeOnTheGtin(String raw) {
        assertThat(parser.parse(raw)).isInstanceOfSatisfying(ScannedCode.Gs1Data.class,
                g -> assertThat(g.data().gtin()).contains("09506000134352"));
    }

    @Test
    void gs1PriceAndLastDayOfMonthExpiry() {
        Gs1ElementString d = Gs1Parser.parse("\u001D010950600013435217250200392201995");
        assertThat(d.price()).contains(new BigDecimal("19.95"));
        assertThat(d.expiry()).contains(LocalDate.of(2025, 2, 28));
    }

    @Test
    void gs1ElementStringRoundTripsThroughItsEncodedForm() {
        Gs1ElementString d = Gs1Parser.parse("(01)09506000134352(10)LOT7(21)S1(3102)000150");
        assertThat(Gs1Parser.parse(d.toElementString())).isEqualTo(d);
        assertThat(d.toHumanReadable()).isEqualTo("(01)09506000134352(10)LOT7(21)S1(3102)000150");
        assertThat(d.netWeightKg()).contains(new BigDecimal("1.50"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(textBlock = """
            ]C10109506000134353,      GTIN check digit wrong
            ]C1011234,                needs 14 characters
            ]C1990000,                unknown or truncated
            ]C1010950600013435217171301, not a date
            """)
    void malformedGs1IsRejectedWithReason(String raw, String reason) {
        assertThat(parser.parse(raw)).isInstanceOfSatisfying(ScannedCode.Unrecognized.class,
                u -> assertThat(u.reason()).contains(reason));
    }

    @Test
    void digitalLinkUriParsesPathAndQueryAis() {
        ScannedCode code = parser.parse("https://example.com/shop/01/9506000134352/10/AB%2F12/21/S9?17=261031&foo=bar");
        assertThat(code).isInstanceOfSatisfying(ScannedCode.Gs1Data.class, g -> {
            assertThat(g.data().gtin()).contains("09506000134352");
            assertThat(g.data().batch()).contains("AB/12");
            assertThat(g.data().serial()).contains("S9");
            assertThat(g.data().expiry()).contains(LocalDate.of(2026, 10, 31));
        });
    }

    @Test
    void digitalLinkIsBuiltFromElementString() {
        Gs1ElementString d = Gs1Parser.parse("(01)09506000134352(10)LOT7(17)261031");
        String uri = DigitalLink.of("https://id.gs1.org", d);
        assertThat(uri).isEqualTo("https://id.gs1.org/01/09506000134352/10/LOT7?17=261031");
        assertThat(DigitalLink.parse(uri)).isEqualTo(d);
    }

    @Test
    void receiptQrRoundTrips() {
        UUID sale = UUID.fromString("0190f3a2-7c1e-7b3d-9a1f-2b3c4d5e6f70");
        String qr = ReceiptQr.encode("0042-000123", sale);
        assertThat(qr).isEqualTo("BPOS:R:0042-000123:0190f3a2-7c1e-7b3d-9a1f-2b3c4d5e6f70");
        assertThat(parser.parse(qr)).isEqualTo(new ScannedCode.ReceiptReference(qr, "0042-000123", sale));
        assertThat(parser.parse("]Q1" + qr)).isInstanceOf(ScannedCode.ReceiptReference.class);
    }

    @Test
    void receiptQrWithBadSaleIdIsUnrecognized() {
        assertThat(parser.parse("BPOS:R:0042-000123:not-a-uuid")).isInstanceOf(ScannedCode.Unrecognized.class);
    }
}
