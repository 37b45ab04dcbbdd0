package io.branchpos.store.sale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** Row of {@code sale_line}. */
@Entity
@Table(name = "sale_line")
@IdClass(SaleLineEntity.Key.class)
public class SaleLineEntity {
    @Id
    @Column(name = "sale_id")
    UUID saleId;
    @Id
    @Column(name = "line_no")
    int lineNo;
    @Column(name = "sku", nullable = false)
    String sku;
    @Column(name = "description", nullable = false)
    String description;
    @Column(name = "quantity", nullable = false)
    BigDecimal quantity;
    @Column(name = "unit_price", nullable = false)
    BigDecimal unitPrice;
    @Column(name = "list_price", nullable = false)
    BigDecimal listPrice;
    @Column(name = "discount", nullable = false)
    BigDecimal discount;
    @Column(name = "tax_code", nullable = false)
    String taxCode;
    @Column(name = "tax_rate", nullable = false)
    BigDecimal taxRate;
    @Column(name = "net", nullable = false)
    BigDecimal net;
    @Column(name = "tax", nullable = false)
    BigDecimal tax;
    @Column(name = "gross", nullable = false)
    BigDecimal gross;
    @Column(name = "serial")
    String serial;

    protected SaleLineEntity() {
    }

    /** Composite key (sale, line). */
    public record Key(UUID saleId, int lineNo) implements Serializable {
    }
}
