package io.branchpos.desktop.returns;

import io.branchpos.domain.catalog.Product;
import java.math.BigDecimal;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One line of the original receipt on the returns screen, with the quantity to take back now. */
public final class ReturnLine {
    private final int lineNo;
    private final String description;
    private final BigDecimal sold;
    private final BigDecimal refunded;
    private final String gross;
    private final StringProperty returnQuantity = new SimpleStringProperty("");
    private final Product product;

    public ReturnLine(int lineNo, String description, BigDecimal sold, BigDecimal refunded, String gross) {
        this(lineNo, description, sold, refunded, gross, null);
    }

    /** A line of a return without receipt: {@code product} as scanned, {@code sold} = units brought back. */
    public ReturnLine(int lineNo, String description, BigDecimal sold, BigDecimal refunded, String gross,
            Product product) {
        this.lineNo = lineNo;
        this.description = description;
        this.sold = sold;
        this.refunded = refunded;
        this.gross = gross;
        this.product = product;
    }

    /** The scanned product of a return without receipt; null for a line of a receipt. */
    public Product product() {
        return product;
    }

    public int lineNo() {
        return lineNo;
    }

    public String description() {
        return description;
    }

    public BigDecimal sold() {
        return sold;
    }

    public BigDecimal refunded() {
        return refunded;
    }

    public BigDecimal refundable() {
        return sold.subtract(refunded);
    }

    public String gross() {
        return gross;
    }

    public StringProperty returnQuantityProperty() {
        return returnQuantity;
    }
}
