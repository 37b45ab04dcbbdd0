package io.branchpos.sync.server;

/** Valid payloads of the documented event types, for tests. */
public final class Payloads {
    private Payloads() {
    }

    public static String sale(String saleId, String sku, String quantity, String gross) {
        return "{\"saleId\":\"" + saleId + "\",\"receiptNumber\":\"R-" + saleId + "\",\"cashierId\":\"u-anna\",\"currency\":\"EUR\","
                + "\"pricing\":\"INCLUSIVE\",\"lines\":[{\"lineNo\":1,\"sku\":\"" + sku + "\",\"description\":\"Milk 1l\",\"quantity\":\""
                + quantity + "\",\"unitPrice\":\"1.19\",\"gross\":\"" + gross + "\",\"taxCode\":\"REDUCED\",\"taxRate\":\"7\"}],"
                + "\"totals\":{\"net\":\"" + gross + "\",\"tax\":\"0.00\",\"gross\":\"" + gross + "\",\"due\":\"" + gross + "\"},"
                + "\"payments\":[{\"tender\":\"CASH\",\"amount\":\"" + gross + "\",\"change\":\"0.00\",\"reference\":null}]}";
    }

    public static String refund(String refundId, String saleId, String sku, String quantity, String gross) {
        return "{\"refundId\":\"" + refundId + "\",\"originalSaleId\":\"" + saleId + "\",\"originalReceiptNumber\":\"R-" + saleId + "\","
                + "\"currency\":\"EUR\",\"cashierId\":\"u-anna\",\"approvedBy\":null,\"reason\":\"customer return\","
                + "\"lines\":[{\"originalLineNo\":1,\"sku\":\"" + sku + "\",\"quantity\":\"" + quantity + "\",\"gross\":\"" + gross + "\",\"tax\":\"0.00\"}],"
                + "\"total\":\"" + gross + "\",\"payments\":[{\"tender\":\"CASH\",\"amount\":\"" + gross + "\",\"reference\":null}]}";
    }

    public static String stock(String movementId, String sku, String quantity) {
        return "{\"movementId\":\"" + movementId + "\",\"sku\":\"" + sku + "\",\"location\":\"STORE\",\"quantity\":\"" + quantity
                + "\",\"kind\":\"RECEIPT\",\"reference\":\"PO-1\"}";
    }

    public static String cash(String movementId, String amount) {
        return "{\"movementId\":\"" + movementId + "\",\"tillSessionId\":\"till-1\",\"kind\":\"PAY_IN\",\"amount\":\"" + amount + "\",\"reason\":\"float top-up\"}";
    }
}
