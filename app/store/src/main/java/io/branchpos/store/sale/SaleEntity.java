package io.branchpos.store.sale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Row of {@code sale}: a completed, paid sale. */
@Entity
@Table(name = "sale")
public class SaleEntity {
    @Id
    @Column(name = "sale_id")
    UUID saleId;
    @Column(name = "receipt_number", nullable = false, unique = true)
    String receiptNumber;
    @Column(name = "terminal_id", nullable = false)
    String terminalId;
    @Column(name = "business_day", nullable = false)
    LocalDate businessDay;
    @Column(name = "cashier_id", nullable = false)
    String cashierId;
    @Column(name = "currency", nullable = false)
    String currency;
    @Column(name = "pricing", nullable = false)
    String pricing;
    @Column(name = "net", nullable = false)
    BigDecimal net;
    @Column(name = "tax", nullable = false)
    BigDecimal tax;
    @Column(name = "gross", nullable = false)
    BigDecimal gross;
    @Column(name = "receipt_discount", nullable = false)
    BigDecimal receiptDiscount;
    @Column(name = "cash_rounding", nullable = false)
    BigDecimal cashRounding;
    @Column(name = "change_given", nullable = false)
    BigDecimal changeGiven;
    @Column(name = "completed_at", nullable = false)
    Instant completedAt;
    @Column(name = "journal_seq", nullable = false)
    long journalSeq;

    protected SaleEntity() {
    }
}
