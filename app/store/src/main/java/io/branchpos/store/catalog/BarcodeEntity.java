package io.branchpos.store.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code barcode}: one of possibly many codes of a SKU. */
@Entity
@Table(name = "barcode")
public class BarcodeEntity {
    @Id
    @Column(name = "code")
    String code;
    @Column(name = "sku", nullable = false)
    String sku;

    protected BarcodeEntity() {
    }

    BarcodeEntity(String code, String sku) {
        this.code = code;
        this.sku = sku;
    }
}
