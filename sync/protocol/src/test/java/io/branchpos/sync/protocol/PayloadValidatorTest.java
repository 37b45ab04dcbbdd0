package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PayloadValidatorTest {

    static final String SALE = """
            {"saleId":"s-1","receiptNumber":"T-001-000042","cashierId":"u-anna","currency":"EUR","pricing":"INCLUSIVE",
             "lines":[{"lineNo":1,"sku":"100234","description":"Milk 1l","quantity":"2","unitPrice":"1.19","gross":"2.38"}],
             "totals":{"net":"2.22","tax":"0.16","gross":"2.38","due":"2.38"},
             "payments":[{"tender":"CASH","amount":"5.00","change":"2.62","reference":null}],
             "futureField":{"ignored":true}}""";

    @Test
    void theDocumentedSaleIsValid() {
        assertThat(PayloadValidator.validate("SALE_COMPLETED", 1, SALE).problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SALE_COMPLETED  | {"saleId":"s"}                                                         | lines must be a non-empty array
            SALE_COMPLETED  | not json                                                               | payload is not valid JSON
            SALE_COMPLETED  | [1,2]                                                                  | payload must be a JSON object
            SALE_VOIDED     | {"saleId":"s","reason":7}                                              | reason must be a non-empty string
            CASH_MOVEMENT   | {"movementId":"m","tillSessionId":"t","kind":"STEAL","amount":"1","reason":""} | kind must be one of
            CASH_MOVEMENT   | {"movementId":"m","tillSessionId":"t","kind":"DROP","amount":"1e99","reason":""} | amount must be a decimal string
            STOCK_MOVEMENT  | {"movementId":"m","sku":"1","location":"L","quantity":"99999999","kind":"COUNT"} | out of range
            REFUND_COMPLETED| {"refundId":"r","originalSaleId":null,"currency":"EUR","total":"1","lines":[{"sku":"1","quantity":"1","gross":"1"}],"payments":[]} | approvedBy must be a non-empty string
            TELEPORT        | {}                                                                     | unknown event type TELEPORT
            """)
    void anInvalidPayloadIsExplained(String type, String payload, String expected) {
        assertThat(PayloadValidator.validate(type, 1, payload).message()).contains(expected);
    }

    @Test
    void aSaleLineMayNameThePriceAndPromotionVersionsItUsed() {
        String withVersions = SALE.replace("\"gross\":\"2.38\"}]",
                "\"gross\":\"2.38\",\"priceVersion\":41,\"promotionId\":\"XMAS\",\"promotionVersion\":2}]");
        assertThat(withVersions).contains("promotionVersion");
        assertThat(PayloadValidator.validate("SALE_COMPLETED", 1, withVersions).problems()).isEmpty();
        String nulls = SALE.replace("\"gross\":\"2.38\"}]", "\"gross\":\"2.38\",\"priceVersion\":null,\"promotionId\":null}]");
        assertThat(PayloadValidator.validate("SALE_COMPLETED", 1, nulls).problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "priceVersion":"v1"                            | priceVersion
            "priceVersion":0                               | priceVersion
            "promotionId":"XMAS"                           | promotionVersion
            "promotionId":"","promotionVersion":1          | promotionId must be a non-empty string
            """)
    void aMalformedPriceOrPromotionVersionIsExplained(String fields, String expected) {
        String payload = SALE.replace("\"gross\":\"2.38\"}]", "\"gross\":\"2.38\"," + fields + "}]");
        assertThat(payload).contains(fields);
        assertThat(PayloadValidator.validate("SALE_COMPLETED", 1, payload).message()).contains(expected);
    }

    @Test
    void aNewerSchemaVersionIsNotGuessedAt() {
        assertThat(PayloadValidator.validate("SALE_COMPLETED", 2, SALE).message()).contains("schema version 2 is newer");
    }
}
