package io.branchpos.store.sale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** Row of {@code refund_payment}: money handed back, per tender. */
@Entity
@Table(name = "refund_payment")
@IdClass(RefundPaymentEntity.Key.class)
public class RefundPaymentEntity {
    @Id
    @Column(name = "refund_id")
    UUID refundId;
    @Id
    @Column(name = "payment_no")
    int paymentNo;
    @Column(name = "tender", nullable = false)
    String tender;
    @Column(name = "amount", nullable = false)
    BigDecimal amount;
    @Column(name = "reference")
    String reference;

    protected RefundPaymentEntity() {
    }

    /** Composite key (refund, payment). */
    public record Key(UUID refundId, int paymentNo) implements Serializable {
    }
}
