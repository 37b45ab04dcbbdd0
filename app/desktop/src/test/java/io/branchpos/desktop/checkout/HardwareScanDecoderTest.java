package io.branchpos.desktop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Gtin;
import io.branchpos.hardware.scan.ReceiptQr;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HardwareScanDecoderTest {
    private final HardwareScanDecoder decoder = new HardwareScanDecoder(List.of(HardwareScanDecoder.DEMO_WEIGHT),
            Currency.getInstance("EUR"));

    @Test
    void anEan13IsLookedUpAsItIs() {
        String ean = Gtin.withCheckDigit("400000000001");
        assertThat(decoder.decode(ean).lookupCode()).isEqualTo(ean);
    }

    @Test
    void aDeliLabelIsLookedUpByItsItemCodeWithTheWeightItCarries() {
        ScanDecoder.Scan s = decoder.decode(Gtin.withCheckDigit("210000701250"));
        assertThat(s.lookupCode()).isEqualTo("2100007");
        assertThat(s.embeddedQuantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("1.250"));
    }

    @Test
    void ourReceiptQrOpensAReturn() {
        String qr = ReceiptQr.encode("DEMO-01-000042", UUID.randomUUID());
        assertThat(decoder.decode(qr).receiptNumber()).contains("DEMO-01-000042");
    }

    @Test
    void aShortInStoreCodeTypedByHandIsLookedUpAsTyped() {
        assertThat(decoder.decode("2100007").lookupCode()).isEqualTo("2100007");
    }
}
