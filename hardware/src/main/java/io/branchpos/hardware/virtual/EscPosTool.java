package io.branchpos.hardware.virtual;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.SampleReceipt;
import io.branchpos.hardware.render.EscPosRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for IT and developers:
 * <pre>
 *   render PROFILE IN.escpos OUT.png   render a captured print job
 *   sample PROFILE OUT.png             render the sample receipt (docs, quick check of a profile)
 *   serve  PROFILE PORT [DIR]          run a virtual network printer (PNG per job into DIR)
 * </pre>
 * PROFILE is a bundled profile id: generic-80mm, generic-58mm, basic-58mm.
 */
public final class EscPosTool {

    private EscPosTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: render PROFILE IN.escpos OUT.png | sample PROFILE OUT.png | serve PROFILE PORT [DIR]");
            System.exit(2);
        }
        PrinterProfile profile = PrinterProfile.load(args[1]);
        switch (args[0]) {
            case "render" -> {
                byte[] in = Files.readAllBytes(Path.of(args[2]));
                Files.write(Path.of(args[3]), new EscPosRenderer(profile).render(in).toPng());
            }
            case "sample" -> {
                byte[] bytes = new ReceiptEncoder(profile).encode(SampleReceipt.build());
                Files.write(Path.of(args[2]), new EscPosRenderer(profile).render(bytes).toPng());
            }
            case "serve" -> {
                Path dir = args.length > 3 ? Path.of(args[3]) : null;
                VirtualPrinter printer = VirtualPrinter.start(profile, Integer.parseInt(args[2]), dir);
                printer.onPrinted(job -> System.out.println("job " + job.number() + ": " + job.bytes().length + " bytes"
                        + (job.complete() ? "" : " (torn)")));
                System.out.println("virtual printer on 127.0.0.1:" + printer.port() + "; Ctrl+C to stop");
                new CountDownLatch(1).await();
            }
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
