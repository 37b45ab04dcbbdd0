package io.branchpos.desktop.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.ManagerTestServices;
import io.branchpos.domain.stock.AdjustmentReason;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.stock.StockRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockViewModelsTest {
    @TempDir
    Path dir;

    @Test
    void scansOfTwoCountersAddUpAndTheBookQuantityIsShownOnlyAfterPosting() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            s.stock().announce("PO-7", "PO", "Dairy Ltd", Map.of("000001", new BigDecimal("10")));
            CountViewModel vm = new CountViewModel(s, ManagerTestServices.MANAGER);
            vm.start();
            vm.scanProperty().set(DemoCatalog.primaryBarcode(0));
            vm.submitScan();
            vm.counterProperty().set("u-ben");
            vm.quantityProperty().set("3");
            vm.scanProperty().set("000001");
            vm.submitScan();
            assertThat(vm.counted()).containsExactly(new CountViewModel.CountedRow("000001",
                    s.catalog().findBySku("000001").orElseThrow().name(), "4"));
            assertThat(vm.results()).isEmpty();

            vm.post();
            assertThat(vm.results()).containsExactly(new CountViewModel.ResultRow("000001", "4", "0", "4"));
            assertThat(s.stock().onHand("000001")).isEqualByComparingTo("4");
            assertThat(vm.runningProperty().get()).isFalse();
        }
    }

    @Test
    void anUnknownScanIsExplained() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            CountViewModel vm = new CountViewModel(s, ManagerTestServices.MANAGER);
            vm.start();
            vm.scanProperty().set("999");
            vm.submitScan();
            assertThat(vm.messageProperty().get()).contains("No product with code 999");
        }
    }

    @Test
    void receivingAPurchaseOrderWithADamagedItem() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            s.stock().announce("PO-7", "PO", "Dairy Ltd", Map.of("000001", new BigDecimal("10")));
            ReceiveViewModel vm = new ReceiveViewModel(s, ManagerTestServices.MANAGER);
            vm.refresh();
            assertThat(vm.deliveries()).hasSize(2);
            vm.deliveryProperty().set(vm.deliveries().get(1));
            assertThat(vm.lines()).hasSize(1);
            vm.lines().get(0).damagedProperty().set("2");
            vm.scanProperty().set(DemoCatalog.primaryBarcode(1)); // an item not on the order
            vm.submitScan();
            vm.receive();
            assertThat(vm.messageProperty().get()).isEqualTo("Received 2 lines of PO-7.");
            assertThat(s.stock().onHand("000001")).isEqualByComparingTo("8");
            assertThat(s.stock().onHand("000002")).isEqualByComparingTo("1");
            assertThat(vm.deliveries()).hasSize(1);
        }
    }

    @Test
    void adjustAndTransferShowInTheHistory() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            StockListViewModel vm = new StockListViewModel(s, ManagerTestServices.MANAGER);
            vm.skuProperty().set("000003");
            vm.quantityProperty().set("5");
            vm.reasonProperty().set(AdjustmentReason.FOUND);
            vm.adjust();
            vm.quantityProperty().set("2");
            vm.toBranchProperty().set("B-002");
            vm.transfer();
            assertThat(vm.history()).extracting(StockListViewModel.HistoryRow::kind)
                    .containsExactly("ADJUSTMENT", "TRANSFER_OUT");
            assertThat(vm.rows()).extracting(StockRepository.OnHandRow::onHand)
                    .anySatisfy(q -> assertThat(q).isEqualByComparingTo("3"));
            vm.reorderPointProperty().set("4");
            vm.setReorderPoint();
            vm.lowOnlyProperty().set(true);
            assertThat(vm.rows()).extracting(StockRepository.OnHandRow::sku).containsExactly("000003");
        }
    }
}
