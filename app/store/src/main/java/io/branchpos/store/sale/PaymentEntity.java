package io.branchpos.store.sale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** Row of {@code payment}: one tender of a sale. */
@Entity
@Table(name = "payment")
@IdClass(PaymentEntity.Key.class)
public class PaymentEntity {
    @Id
    @Column(name = "sale_id")
    UUID saleId;
    @Id
    @Column(name = "payment_no")
    int paymentNo;
    @Column(name = "tender", nullable = false)
    String tender;
    @Column(name = "amount", nullable = false)
    BigDecimal amount;
    @Column(name = "reference")
    String reference;

    protected PaymentEntity() {
    }

    /** Composite key (sale, payment). */
    public record Key(UUID saleId, int paymentNo) implements Serializable {
    }
}
