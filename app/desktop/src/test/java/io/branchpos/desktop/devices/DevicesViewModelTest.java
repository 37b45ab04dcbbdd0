package io.branchpos.desktop.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.DeviceOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicesViewModelTest {

    /** A bench whose printer is out of paper until told otherwise. */
    static class PaperOutBench implements DeviceBench {
        boolean paper;
        final List<QueuedJob> jobs = new ArrayList<>();
        final List<Kind> tested = new ArrayList<>();

        @Override
        public List<Check> check() {
            return List.of(new Check(Kind.PRINTER, "Printer", paper, paper ? "Ready" : "Out of paper"),
                    new Check(Kind.SCALE, "Scale", false, "Not configured"));
        }

        @Override
        public DeviceOutcome test(Kind kind) {
            tested.add(kind);
            if (kind == Kind.PRINTER && !paper) {
                jobs.add(new QueuedJob("j1", "Test print", "Printer out of paper"));
                return DeviceOutcome.failed("Printer out of paper — receipt kept, press Reprint when loaded");
            }
            return DeviceOutcome.done();
        }

        @Override
        public List<QueuedJob> queuedJobs() {
            return List.copyOf(jobs);
        }

        @Override
        public DeviceOutcome retryQueued() {
            if (paper) {
                jobs.clear();
                return new DeviceOutcome(true, "All receipts printed");
            }
            return DeviceOutcome.failed("1 receipt(s) still queued");
        }
    }

    @Test
    void aFailedTestPrintShowsTheReasonAndTheQueuedJobAndRetryEmptiesTheQueue() {
        PaperOutBench bench = new PaperOutBench();
        DevicesViewModel vm = new DevicesViewModel(bench, Runnable::run, Runnable::run);
        vm.refresh();
        assertThat(vm.devices()).extracting(DeviceBench.Check::state).containsExactly("Out of paper", "Not configured");

        vm.test(DeviceBench.Kind.PRINTER);
        assertThat(vm.messageProperty().get()).startsWith("✖ Printer out of paper");
        assertThat(vm.queued()).extracting(DeviceBench.QueuedJob::description).containsExactly("Test print");

        bench.paper = true;
        vm.retryQueued();
        assertThat(vm.queued()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("✔ All receipts printed");
        assertThat(vm.devices().get(0).ok()).isTrue();
    }

    @Test
    void aDeviceThatThrowsIsAMessageNotACrash() {
        PaperOutBench bench = new PaperOutBench() {
            @Override
            public DeviceOutcome test(Kind kind) {
                throw new IllegalStateException("port vanished");
            }
        };
        DevicesViewModel vm = new DevicesViewModel(bench, Runnable::run, Runnable::run);
        vm.test(DeviceBench.Kind.SCALE);
        assertThat(vm.messageProperty().get()).isEqualTo("✖ port vanished");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
