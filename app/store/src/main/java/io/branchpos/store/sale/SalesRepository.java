package io.branchpos.store.sale;

import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.RefundCalculator;
import io.branchpos.domain.sale.RefundRejectedException;
import io.branchpos.domain.sale.RefundedLine;
import io.branchpos.domain.sale.SoldLine;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.journal.JournalEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Sales and refunds: each is committed with its journal event in one durable transaction. */
public final class SalesRepository {
    public static final String SALE_COMPLETED = "SALE_COMPLETED";
    public static final String REFUND_COMPLETED = "REFUND_COMPLETED";

    private final LocalStore store;

    public SalesRepository(LocalStore store) {
        this.store = store;
    }

    /**
     * Records a paid sale: sale rows, receipt number and {@code SALE_COMPLETED} event in one
     * transaction, durable: forced to disk through the sale log before H2 commits it lazily
     * (decision 0014). When this returns, the sale survives a crash or power cut.
     *
     * @throws StoreException if a serialized unit on the sale was already sold at this branch
     */
    public SaleReceipt complete(CompletedSale sale) {
        return store.writeLogged(ctx -> record(ctx, sale));
    }

    /** The same, inside a caller's transaction. */
    public SaleReceipt record(WriteContext ctx, CompletedSale sale) {
        // plain JDBC on the write's connection: a sale needs no Hibernate (decisions 0011, 0016),
        // and a logged write records only what goes through ctx.prepare (decision 0014)
        Connection c = ctx.connection();
        try {
            for (TicketLine l : sale.lines()) {
                if (l.serial() != null && serialOnHandSold(c, l.product().sku().value(), l.serial())) {
                    throw new StoreException("serial " + l.serial() + " of " + l.product().name()
                            + " was already sold at this branch");
                }
            }
            String receiptNumber = ctx.nextReceiptNumber();
            JournalEvent event = ctx.journal(SALE_COMPLETED, 1, SalePayloads.saleCompleted(sale, receiptNumber));
            insertRows(c, ctx, sale, receiptNumber, event.seq());
            return new SaleReceipt(sale.saleId(), receiptNumber, ctx.businessDay(), event.seq());
        } catch (SQLException e) {
            throw new StoreException("cannot record sale " + sale.saleId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sale's rows (header, lines, payments) with plain JDBC batches on the transaction's
     * connection: this is the hot path of every sale, and the rows are never changed afterwards, so
     * Hibernate's entity bookkeeping and flush would be all cost (decision 0011). Reads still map
     * them through {@link SaleEntity}, {@link SaleLineEntity} and {@link PaymentEntity}.
     */
    private static void insertRows(Connection c, WriteContext ctx, CompletedSale sale, String receiptNumber,
            long journalSeq) throws SQLException {
        try (PreparedStatement ps = ctx.prepare(c, "INSERT INTO sale(sale_id, receipt_number, terminal_id,"
                + " business_day, cashier_id, currency, pricing, net, tax, gross, receipt_discount, cash_rounding,"
                + " change_given, completed_at, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, sale.saleId());
            ps.setString(2, receiptNumber);
            ps.setString(3, ctx.terminalId());
            ps.setObject(4, ctx.businessDay());
            ps.setString(5, sale.cashierId());
            ps.setString(6, sale.currencyCode());
            ps.setString(7, sale.pricing().name());
            ps.setBigDecimal(8, sale.totals().net().amount());
            ps.setBigDecimal(9, sale.totals().tax().amount());
            ps.setBigDecimal(10, sale.totals().gross().amount());
            ps.setBigDecimal(11, sale.totals().receiptDiscount().amount());
            ps.setBigDecimal(12, sale.cashRounding().amount());
            ps.setBigDecimal(13, sale.change().amount());
            ps.setObject(14, OffsetDateTime.ofInstant(sale.completedAt(), ZoneOffset.UTC));
            ps.setLong(15, journalSeq);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = ctx.prepare(c, "INSERT INTO sale_line(sale_id, line_no, sku, description,"
                + " quantity, unit_price, list_price, discount, tax_code, tax_rate, net, tax, gross, serial)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < sale.lines().size(); i++) {
                TicketLine l = sale.lines().get(i);
                LineTotal t = sale.totals().lines().get(i);
                ps.setObject(1, sale.saleId());
                ps.setInt(2, l.lineNo());
                ps.setString(3, l.product().sku().value());
                ps.setString(4, l.product().name());
                ps.setBigDecimal(5, l.quantity());
                ps.setBigDecimal(6, l.unitPrice().amount());
                ps.setBigDecimal(7, l.listPrice().amount());
                ps.setBigDecimal(8, t.totalDiscount().amount());
                ps.setString(9, t.taxRate().code());
                ps.setBigDecimal(10, t.taxRate().percent());
                ps.setBigDecimal(11, t.net().amount());
                ps.setBigDecimal(12, t.tax().amount());
                ps.setBigDecimal(13, t.gross().amount());
                ps.setString(14, l.serial());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = ctx.prepare(c, "INSERT INTO payment(sale_id, payment_no, tender, amount,"
                + " reference) VALUES (?, ?, ?, ?, ?)")) {
            int n = 1;
            for (Payment p : sale.payments()) {
                ps.setObject(1, sale.saleId());
                ps.setInt(2, n++);
                ps.setString(3, p.tender().name());
                ps.setBigDecimal(4, p.amount().amount());
                ps.setString(5, p.reference());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** True if this serial is sold and not refunded at this branch. */
    public boolean isSerialSold(String sku, String serial) {
        return store.jdbc(c -> serialOnHandSold(c, sku, serial));
    }

    private static boolean serialOnHandSold(Connection c, String sku, String serial) throws SQLException {
        long sold = count(c, "SELECT COUNT(*) FROM sale_line WHERE sku = ? AND serial = ?", sku, serial);
        long returned = count(c, "SELECT COUNT(*) FROM refund_line r JOIN refund f"
                + " ON f.refund_id = r.refund_id JOIN sale_line l ON l.sale_id = f.original_sale_id"
                + " AND l.line_no = r.original_line_no WHERE l.sku = ? AND l.serial = ?", sku, serial);
        return sold > returned;
    }

    private static long count(Connection c, String sql, String sku, String serial) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sku);
            ps.setString(2, serial);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A completed sale as returns see it. */
    public record SaleView(UUID saleId, String receiptNumber, Currency currency, List<SoldLine> lines,
            List<RefundedLine> refunded, List<PaymentView> payments) {
    }

    /** One tender of a stored sale. */
    public record PaymentView(String tender, Money amount, String reference) {
    }

    public Optional<SaleView> findByReceipt(String receiptNumber) {
        return store.read(s -> loadView(s, receiptNumber));
    }

    private static Optional<SaleView> loadView(Session s, String receiptNumber) {
        List<SaleEntity> sales = s.createSelectionQuery("from SaleEntity where receiptNumber = :r", SaleEntity.class)
                .setParameter("r", receiptNumber).getResultList();
        if (sales.isEmpty()) {
            return Optional.empty();
        }
        SaleEntity sale = sales.get(0);
        Currency cur = Currency.getInstance(sale.currency);
        List<SoldLine> lines = new ArrayList<>();
        for (SaleLineEntity l : s.createSelectionQuery("from SaleLineEntity where saleId = :id order by lineNo",
                SaleLineEntity.class).setParameter("id", sale.saleId).getResultList()) {
            lines.add(new SoldLine(l.lineNo, new Sku(l.sku), l.description, l.quantity, money(l.gross, cur),
                    money(l.tax, cur)));
        }
        List<RefundedLine> refunded = new ArrayList<>();
        for (RefundLineEntity r : s.createSelectionQuery("select r from RefundLineEntity r, RefundEntity f"
                + " where f.refundId = r.refundId and f.originalSaleId = :id", RefundLineEntity.class)
                .setParameter("id", sale.saleId).getResultList()) {
            refunded.add(new RefundedLine(r.originalLineNo, new Sku(r.sku), r.quantity, money(r.gross, cur),
                    money(r.tax, cur)));
        }
        List<PaymentView> payments = new ArrayList<>();
        for (PaymentEntity p : s.createSelectionQuery("from PaymentEntity where saleId = :id order by paymentNo",
                PaymentEntity.class).setParameter("id", sale.saleId).getResultList()) {
            payments.add(new PaymentView(p.tender, money(p.amount, cur), p.reference));
        }
        return Optional.of(new SaleView(sale.saleId, sale.receiptNumber, cur, lines, refunded, payments));
    }

    private static Money money(BigDecimal amount, Currency cur) {
        return Money.of(amount.setScale(Math.max(cur.getDefaultFractionDigits(), 0), java.math.RoundingMode.UNNECESSARY),
                cur);
    }

    /**
     * Refunds lines of a receipt. Reads the earlier refunds inside the same write transaction, so
     * two returns at this till can never together exceed what was sold.
     */
    public RefundReceipt refund(RefundRequest req) throws RefundRejectedException {
        try {
            return store.write(ctx -> {
                try {
                    return doRefund(ctx, req);
                } catch (RefundRejectedException e) {
                    throw new Rejected(e);
                }
            });
        } catch (Rejected r) {
            throw (RefundRejectedException) r.getCause();
        }
    }

    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(RefundRejectedException cause) {
            super(cause);
        }
    }

    private RefundReceipt doRefund(WriteContext ctx, RefundRequest req) throws RefundRejectedException {
        Session s = ctx.session();
        SaleView view = loadView(s, req.receiptNumber())
                .orElseThrow(() -> new RefundRejectedException("no sale with receipt number " + req.receiptNumber()));
        List<RefundedLine> lines = RefundCalculator.refund(view.lines(), view.refunded(), req.lines());
        Money total = RefundCalculator.total(lines, Money.zero(view.currency()));
        UUID refundId = ctx.newId();
        JournalEvent event = ctx.journal(REFUND_COMPLETED, 1, SalePayloads.refundCompleted(refundId, view.saleId(),
                view.receiptNumber(), view.currency().getCurrencyCode(), req, lines, total));
        persistRefund(ctx, refundId, view.saleId(), req.cashierId(), req.approvedBy(), req.reason(), req.tender(),
                req.tenderReference(), lines, total, event.seq());
        return new RefundReceipt(refundId, view.receiptNumber(), lines, total, event.seq());
    }

    /** Writes the rows of one refund (header, lines, the one payment) in the caller's transaction. */
    static void persistRefund(WriteContext ctx, UUID refundId, UUID originalSaleId, String cashierId,
            String approvedBy, String reason, io.branchpos.domain.sale.Tender tender, String reference,
            List<RefundedLine> lines, Money total, long journalSeq) {
        RefundEntity r = new RefundEntity();
        r.refundId = refundId;
        r.originalSaleId = originalSaleId;
        r.terminalId = ctx.terminalId();
        r.businessDay = ctx.businessDay();
        r.cashierId = cashierId;
        r.approvedBy = approvedBy;
        r.reason = reason;
        r.currency = total.currency().getCurrencyCode();
        r.total = total.amount();
        r.completedAt = ctx.now();
        r.journalSeq = journalSeq;
        ctx.session().persist(r);
        for (RefundedLine l : lines) {
            RefundLineEntity le = new RefundLineEntity();
            le.refundId = refundId;
            le.originalLineNo = l.originalLineNo();
            le.sku = l.sku().value();
            le.quantity = l.quantity();
            le.gross = l.gross().amount();
            le.tax = l.tax().amount();
            ctx.session().persist(le);
        }
        RefundPaymentEntity p = new RefundPaymentEntity();
        p.refundId = refundId;
        p.paymentNo = 1;
        p.tender = tender.name();
        p.amount = total.amount();
        p.reference = reference;
        ctx.session().persist(p);
    }
}
