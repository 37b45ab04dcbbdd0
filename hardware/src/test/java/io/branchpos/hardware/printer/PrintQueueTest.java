package io.branchpos.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.receipt.SampleReceipt;
import io.branchpos.hardware.transport.TcpTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintQueueTest {

    private final PrinterProfile profile = PrinterProfile.generic80mm();
    private final AtomicInteger ids = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T17:25:00Z"), ZoneOffset.UTC);
    private VirtualPrinter virtual;
    private EscPosPrinter printer;

    @BeforeEach
    void startVirtualPrinter() throws IOException {
        virtual = VirtualPrinter.start(profile);
        printer = new EscPosPrinter(new TcpTransport(virtual.host(), virtual.port(), Duration.ofSeconds(2)),
                Duration.ofSeconds(2), Duration.ofSeconds(10), false);
    }

    @AfterEach
    void stop() {
        printer.close();
        virtual.close();
    }

    private PrintQueue queue(PrintJobStore store) {
        return new PrintQueue(store, printer, new ReceiptEncoder(profile), clock, () -> "job-" + ids.incrementAndGet());
    }

    private static ReceiptDocument receipt(String number) {
        return ReceiptDocument.builder().text("Bon " + number).keyValue("SUMME", "17,31").cut().build();
    }

    @Test
    void printedJobIsConfirmedAndComesOutOnce() {
        PrintJob job = queue(new InMemoryPrintJobStore()).print(SampleReceipt.build(), "Receipt 0042-000123");

        assertThat(job.state()).isEqualTo(PrintJob.State.PRINTED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(virtual.completeJobs()).hasSize(1);
        assertThat(virtual.completeJobs().get(0).bytes()).isEqualTo(job.payload());
    }

    @Test
    void failedJobStaysQueuedWithReason() {
        virtual.setPaperOut(true);
        PrintQueue queue = queue(new InMemoryPrintJobStore());

        PrintJob job = queue.print(receipt("1"), "Receipt 1");

        assertThat(job.state()).isEqualTo(PrintJob.State.FAILED);
        assertThat(job.lastError()).isEqualTo("Printer out of paper — receipt kept, press Reprint when loaded");
        assertThat(queue.pending()).extracting(PrintJob::id).containsExactly(job.id());
        assertThat(virtual.printed()).isEmpty();

        virtual.setPaperOut(false);
        PrintJob retried = queue.retry(job.id());

        assertThat(retried.state()).isEqualTo(PrintJob.State.PRINTED);
        assertThat(queue.pending()).isEmpty();
        assertThat(virtual.completeJobs()).hasSize(1);
    }

    @Test
    void connectionDroppedMidJobKeepsJobQueuedAndRetryPrintsItOnce() {
        PrintQueue queue = queue(new InMemoryPrintJobStore());
        virtual.dropNextConnectionAfter(4000);

        PrintJob job = queue.print(SampleReceipt.build(), "Receipt 0042-000123");

        assertThat(job.state()).isEqualTo(PrintJob.State.FAILED);
        assertThat(job.uncertain()).isTrue();
        assertThat(job.lastError()).contains("interrupted").contains("Reprint");
        assertThat(virtual.completeJobs()).isEmpty();
        assertThat(virtual.printed()).singleElement().satisfies(p -> assertThat(p.complete()).isFalse());

        PrintJob retried = queue.retry(job.id());

        assertThat(retried.state()).isEqualTo(PrintJob.State.PRINTED);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(virtual.completeJobs()).singleElement().satisfies(p -> assertThat(p.bytes()).isEqualTo(job.payload()));
    }

    @Test
    void retryOfAPrintedJobPrintsNothing() {
        PrintQueue queue = queue(new InMemoryPrintJobStore());
        PrintJob job = queue.print(receipt("2"), "Receipt 2");

        PrintJob again = queue.retry(job.id());

        assertThat(again).isEqualTo(job);
        assertThat(virtual.completeJobs()).hasSize(1);
    }

    @Test
    void retryAllPrintsPendingJobsInOrder() {
        PrintQueue queue = queue(new InMemoryPrintJobStore());
        virtual.setCoverOpen(true);
        queue.print(receipt("A"), "A");
        queue.print(receipt("B"), "B");
        assertThat(queue.pending()).hasSize(2).allSatisfy(j -> assertThat(j.lastError()).contains("cover open"));

        virtual.setCoverOpen(false);
        assertThat(queue.retryAll()).extracting(PrintJob::state).containsOnly(PrintJob.State.PRINTED);

        assertThat(virtual.completeText()).containsSubsequence("Bon A", "Bon B");
    }

    @Test
    void reprintIsMarkedCopy() {
        PrintQueue queue = queue(new InMemoryPrintJobStore());

        PrintJob copy = queue.reprint(receipt("3"), "Receipt 3 (copy)");

        assertThat(copy.copy()).isTrue();
        assertThat(virtual.completeJobs().get(0).rendered().textLines()).filteredOn(l -> l.strip().equals("COPY")).hasSize(2);
    }

    @Test
    void jobsSurviveInTheDirectoryStore(@TempDir Path dir) {
        virtual.setOffline(true);
        PrintJob job = queue(new DirectoryPrintJobStore(dir)).print(receipt("4"), "Receipt 4");
        assertThat(job.state()).isEqualTo(PrintJob.State.FAILED);

        // the app restarts: a new store on the same directory still has the job, bytes and reason
        DirectoryPrintJobStore reopened = new DirectoryPrintJobStore(dir);
        assertThat(reopened.pending()).singleElement().satisfies(j -> {
            assertThat(j.payload()).isEqualTo(job.payload());
            assertThat(j.lastError()).isEqualTo(job.lastError());
            assertThat(j.description()).isEqualTo("Receipt 4");
        });

        virtual.setOffline(false);
        assertThat(queue(reopened).retry(job.id()).state()).isEqualTo(PrintJob.State.PRINTED);
        assertThat(new DirectoryPrintJobStore(dir).pending()).isEmpty();
    }

    @Test
    void jobCutOffByACrashIsRecoveredAsUncertainAndQueued() {
        InMemoryPrintJobStore store = new InMemoryPrintJobStore();
        Instant t = clock.instant();
        store.save(new PrintJob("job-crashed", "Receipt 5", new byte[] {0x1B, '@'}, false, PrintJob.State.SENDING, 1, "",
                false, t, t));

        PrintQueue queue = queue(store);
        assertThat(queue.recoverInterrupted()).singleElement().satisfies(j -> {
            assertThat(j.state()).isEqualTo(PrintJob.State.FAILED);
            assertThat(j.uncertain()).isTrue();
            assertThat(j.lastError()).contains("Reprint");
        });
        assertThat(queue.pending()).extracting(PrintJob::id).containsExactly("job-crashed");
    }
}
