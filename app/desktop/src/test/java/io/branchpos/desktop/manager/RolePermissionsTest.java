package io.branchpos.desktop.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.dayclose.DayCloseViewModel;
import io.branchpos.desktop.reports.ReportsViewModel;
import io.branchpos.desktop.stock.CountViewModel;
import io.branchpos.desktop.stock.ReceiveViewModel;
import io.branchpos.desktop.stock.StockListViewModel;
import io.branchpos.domain.auth.Permission;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.stock.AdjustmentReason;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each manager function has its own permission; a refused user is told who may do it. */
class RolePermissionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: cashier {1}, supervisor {2}, manager {3}")
    @CsvSource(textBlock = """
            CASH_MOVEMENTS, false, true,  true
            CLOSE_DAY,      false, false, true
            ADJUST_STOCK,   false, false, true
            RECEIVE_STOCK,  false, true,  true
            COUNT_STOCK,    false, true,  true
            VIEW_REPORTS,   false, true,  true
            """)
    void theRolesGrantTheManagerFunctionsOfTheTable(Permission p, boolean cashier, boolean supervisor, boolean manager) {
        assertThat(Role.CASHIER.permissions().contains(p)).isEqualTo(cashier);
        assertThat(Role.SUPERVISOR.permissions().contains(p)).isEqualTo(supervisor);
        assertThat(Role.MANAGER.permissions().contains(p)).isEqualTo(manager);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CASHIER    | CASH_MOVEMENTS | A cashier may not record pay-outs, pay-ins and safe drops — ask a supervisor or manager to sign in.
            SUPERVISOR | CLOSE_DAY      | A supervisor may not close the day (Z report) — ask a manager to sign in.
            SUPERVISOR | ADJUST_STOCK   | A supervisor may not adjust stock or send transfers — ask a manager to sign in.
            CASHIER    | VIEW_REPORTS   | A cashier may not see the reports — ask a supervisor or manager to sign in.
            """)
    void aRefusalSaysWhoMayDoIt(Role role, Permission p, String message) {
        assertThat(ActingUser.of("u-x", role).refusal(p)).isEqualTo(message);
    }

    @Test
    void aSupervisorReceivesAndCountsButMayNotAdjustTransferOrCloseTheDay() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            ActingUser sup = ManagerTestServices.SUPERVISOR;
            s.stock().announce("PO-9", "PO", "Dairy Ltd", Map.of("000001", new BigDecimal("3")));
            ReceiveViewModel receive = new ReceiveViewModel(s, sup);
            receive.refresh();
            receive.deliveryProperty().set(receive.deliveries().stream().filter(d -> d.toString().contains("PO-9")).findFirst()
                    .orElse(receive.deliveries().get(receive.deliveries().size() - 1)));
            receive.receive();
            assertThat(receive.messageProperty().get()).startsWith("Received");

            CountViewModel count = new CountViewModel(s, sup);
            count.start();
            assertThat(count.runningProperty().get()).isTrue();

            StockListViewModel list = new StockListViewModel(s, sup);
            list.skuProperty().set("000003");
            list.quantityProperty().set("5");
            list.reasonProperty().set(AdjustmentReason.FOUND);
            list.adjust();
            assertThat(list.messageProperty().get()).isEqualTo(sup.refusal(Permission.ADJUST_STOCK));
            list.quantityProperty().set("2");
            list.toBranchProperty().set("B-002");
            list.transfer();
            assertThat(list.messageProperty().get()).isEqualTo(sup.refusal(Permission.ADJUST_STOCK));
            assertThat(s.stock().history("000003")).as("nothing moved").isEmpty();

            DayCloseViewModel close = new DayCloseViewModel(s, sup, null);
            close.reveal();
            assertThat(close.stepProperty().get()).isEqualTo(DayCloseViewModel.Step.COUNT);
            assertThat(close.messageProperty().get()).isEqualTo(sup.refusal(Permission.CLOSE_DAY));
        }
    }

    @Test
    void aCashierMayNotOpenTheReportsNorReceive() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            ReportsViewModel reports = new ReportsViewModel(s, ManagerTestServices.CASHIER, store.businessDay());
            reports.load();
            assertThat(reports.messageProperty().get()).isEqualTo(ManagerTestServices.CASHIER.refusal(Permission.VIEW_REPORTS));
            assertThat(reports.series(ReportsViewModel.Series.BY_HOUR)).isEmpty();
            assertThat(reports.exportCsv()).isNull();

            ReceiveViewModel receive = new ReceiveViewModel(s, ManagerTestServices.CASHIER);
            receive.refresh();
            receive.deliveryProperty().set(receive.deliveries().get(0));
            receive.receive();
            assertThat(receive.messageProperty().get()).isEqualTo(ManagerTestServices.CASHIER.refusal(Permission.RECEIVE_STOCK));
        }
    }
}
