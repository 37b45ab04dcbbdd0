package io.branchpos.store.catalog;

import io.branchpos.domain.catalog.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/** Row of {@code product}. {@code nameNorm} feeds the in-memory search index. */
@Entity
@Table(name = "product")
public class ProductEntity {
    @Id
    @Column(name = "sku")
    String sku;
    @Column(name = "name", nullable = false)
    String name;
    @Column(name = "name_norm", nullable = false)
    String nameNorm;
    @Column(name = "category", nullable = false)
    String category;
    @Column(name = "tax_code", nullable = false)
    String taxCode;
    @Column(name = "unit", nullable = false)
    String unit;
    @Column(name = "price", nullable = false)
    BigDecimal price;
    @Column(name = "currency", nullable = false)
    String currency;
    @Column(name = "active", nullable = false)
    boolean active;
    @Column(name = "serialized", nullable = false)
    boolean serialized;
    @Version
    @Column(name = "version", nullable = false)
    long version;

    protected ProductEntity() {
    }

    ProductEntity(Product p) {
        this.sku = p.sku().value();
        update(p);
    }

    final void update(Product p) {
        this.name = p.name();
        this.nameNorm = TextNormalizer.normalize(p.name());
        this.category = p.category();
        this.taxCode = p.taxRate().code();
        this.unit = p.unit().name();
        this.price = p.price().amount();
        this.currency = p.price().currency().getCurrencyCode();
        this.active = p.active();
        this.serialized = p.serialized();
    }
}
