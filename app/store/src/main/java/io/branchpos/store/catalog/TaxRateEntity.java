package io.branchpos.store.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** Row of {@code tax_rate}. */
@Entity
@Table(name = "tax_rate")
public class TaxRateEntity {
    @Id
    @Column(name = "code")
    String code;
    @Column(name = "percent", nullable = false)
    BigDecimal percent;
    @Column(name = "name", nullable = false)
    String name;

    protected TaxRateEntity() {
    }

    public TaxRateEntity(String code, BigDecimal percent, String name) {
        this.code = code;
        this.percent = percent;
        this.name = name;
    }
}
