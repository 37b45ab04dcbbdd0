package io.branchpos.hardware.transport;

import java.io.IOException;
import java.time.Duration;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;

/**
 * Raw bytes through the operating system's spooler (CUPS, Windows print queue) to a queue configured as a raw
 * printer. Write-only: the spooler accepts the job, but says nothing about paper or cover.
 */
public final class SpoolerTransport implements PrinterTransport {

    private final String queueName;

    public SpoolerTransport(String queueName) {
        this.queueName = queueName;
    }

    @Override
    public String describe() {
        return "spooler:" + queueName;
    }

    @Override
    public boolean isAvailable() {
        try {
            return service() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean isTwoWay() {
        return false;
    }

    @Override
    public void write(byte[] data) throws IOException {
        PrintService service = service();
        if (service == null) {
            throw new IOException("no print queue named '" + queueName + "'");
        }
        DocPrintJob job = service.createPrintJob();
        try {
            job.print(new SimpleDoc(data, DocFlavor.BYTE_ARRAY.AUTOSENSE, null), null);
        } catch (PrintException e) {
            throw new IOException("spooler refused the job: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] request(byte[] request, int answerLength, Duration timeout) {
        throw new UnsupportedOperationException(describe() + " is write-only");
    }

    @Override
    public byte[] read(int length, Duration timeout) {
        throw new UnsupportedOperationException(describe() + " is write-only");
    }

    @Override
    public void close() {
        // the spooler owns the connection
    }

    private PrintService service() {
        for (PrintService s : PrintServiceLookup.lookupPrintServices(DocFlavor.BYTE_ARRAY.AUTOSENSE, null)) {
            if (s.getName().equals(queueName)) {
                return s;
            }
        }
        return null;
    }
}
