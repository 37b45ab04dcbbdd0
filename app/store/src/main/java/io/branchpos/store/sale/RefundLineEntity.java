package io.branchpos.store.sale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** Row of {@code refund_line}: what one refund gave back for one original sale line. */
@Entity
@Table(name = "refund_line")
@IdClass(RefundLineEntity.Key.class)
public class RefundLineEntity {
    @Id
    @Column(name = "refund_id")
    UUID refundId;
    @Id
    @Column(name = "original_line_no")
    int originalLineNo;
    @Column(name = "sku", nullable = false)
    String sku;
    @Column(name = "quantity", nullable = false)
    BigDecimal quantity;
    @Column(name = "gross", nullable = false)
    BigDecimal gross;
    @Column(name = "tax", nullable = false)
    BigDecimal tax;

    protected RefundLineEntity() {
    }

    /** Composite key (refund, original line). */
    public record Key(UUID refundId, int originalLineNo) implements Serializable {
    }
}
