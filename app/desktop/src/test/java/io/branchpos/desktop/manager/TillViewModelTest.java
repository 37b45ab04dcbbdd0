package io.branchpos.desktop.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.till.CashMovementKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TillViewModelTest {
    @TempDir
    Path dir;

    @Test
    void openingTheTillThenAPayInShowsInTheXReport() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            TillViewModel vm = new TillViewModel(s, ManagerTestServices.MANAGER, null);
            vm.floatCount().get(4).piecesProperty().set(5); // 5 × 20 = 100
            vm.openTill();
            assertThat(vm.openProperty().get()).isTrue();
            vm.kindProperty().set(CashMovementKind.PAY_IN);
            vm.amountProperty().set("12,50");
            vm.reasonProperty().set("coins from bank");
            vm.record();
            assertThat(vm.messageProperty().get()).isEqualTo("Pay-in of 12.50 recorded.");
            assertThat(vm.xReport()).anySatisfy(l -> assertThat(l).contains("Pay-ins").contains("12.50"));
            assertThat(vm.xReport()).anySatisfy(l -> assertThat(l).contains("Float").contains("100.00"));
            assertThat(vm.xReport().get(0)).contains("X REPORT");
        }
    }

    @Test
    void aCashierCannotMoveCashAndAMissingReasonIsExplained() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            TillViewModel cashier = new TillViewModel(s, ManagerTestServices.CASHIER, null);
            cashier.amountProperty().set("5");
            cashier.record();
            assertThat(cashier.messageProperty().get()).isEqualTo("A cashier may not record pay-outs, pay-ins and safe drops — ask a supervisor or manager to sign in.");
            TillViewModel vm = new TillViewModel(s, ManagerTestServices.MANAGER, null);
            vm.amountProperty().set("5");
            vm.reasonProperty().set(" ");
            vm.record();
            assertThat(vm.messageProperty().get()).contains("needs a reason");
        }
    }
}
