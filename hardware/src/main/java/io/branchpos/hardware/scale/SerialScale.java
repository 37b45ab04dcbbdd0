package io.branchpos.hardware.scale;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.scale.WeightReading.Status;
import io.branchpos.hardware.transport.SerialLink;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A scale on a serial port speaking one {@link ScaleProtocol}. */
public final class SerialScale implements Scale {

    private static final Logger LOG = LoggerFactory.getLogger(SerialScale.class);

    private final SerialLink link;
    private final ScaleProtocol protocol;
    private final Duration timeout;

    public SerialScale(SerialLink link, ScaleProtocol protocol, Duration timeout) {
        this.link = link;
        this.protocol = protocol;
        this.timeout = timeout;
    }

    @Override
    public boolean isAvailable() {
        return link.isAvailable();
    }

    @Override
    public synchronized WeightReading read() {
        try {
            return protocol.readWeight(link, timeout);
        } catch (IOException | RuntimeException e) {
            LOG.info("{} scale on {}: {}", protocol.name(), link.describe(), e.toString());
            return WeightReading.of(Status.UNREACHABLE, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public synchronized DeviceOutcome zero() {
        try {
            return protocol.zero(link, timeout) ? DeviceOutcome.done()
                    : DeviceOutcome.failed("Scale did not zero — empty the platter, wait until it settles, try again");
        } catch (IOException | RuntimeException e) {
            return DeviceOutcome.failed("Scale not reachable — check its cable");
        }
    }

    @Override
    public synchronized DeviceOutcome tare() {
        try {
            return protocol.tare(link, timeout) ? DeviceOutcome.done()
                    : DeviceOutcome.failed("Scale refused tare — wait until it settles, try again");
        } catch (UnsupportedOperationException e) {
            return DeviceOutcome.failed("This scale cannot tare from the till — use the tare key on the scale");
        } catch (IOException | RuntimeException e) {
            return DeviceOutcome.failed("Scale not reachable — check its cable");
        }
    }
}
