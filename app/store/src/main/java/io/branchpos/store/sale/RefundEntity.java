package io.branchpos.store.sale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Row of {@code refund}. */
@Entity
@Table(name = "refund")
public class RefundEntity {
    @Id
    @Column(name = "refund_id")
    UUID refundId;
    @Column(name = "original_sale_id")
    UUID originalSaleId;
    @Column(name = "terminal_id", nullable = false)
    String terminalId;
    @Column(name = "business_day", nullable = false)
    LocalDate businessDay;
    @Column(name = "cashier_id", nullable = false)
    String cashierId;
    @Column(name = "approved_by")
    String approvedBy;
    @Column(name = "reason")
    String reason;
    @Column(name = "currency", nullable = false)
    String currency;
    @Column(name = "total", nullable = false)
    BigDecimal total;
    @Column(name = "completed_at", nullable = false)
    Instant completedAt;
    @Column(name = "journal_seq", nullable = false)
    long journalSeq;

    protected RefundEntity() {
    }
}
