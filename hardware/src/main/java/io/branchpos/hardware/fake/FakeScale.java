package io.branchpos.hardware.fake;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.scale.Scale;
import io.branchpos.hardware.scale.WeightReading;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/** A scale that returns scripted readings in order, then keeps returning the last one. */
public final class FakeScale implements Scale {

    private final Deque<WeightReading> script = new ArrayDeque<>();
    private WeightReading last = WeightReading.of(WeightReading.Status.UNREACHABLE, "nothing scripted");
    private boolean available = true;
    private int zeros;
    private int tares;

    public synchronized FakeScale then(WeightReading reading) {
        script.add(reading);
        return this;
    }

    /** Scripts a stable weight in kilograms, e.g. {@code "0.754"}. */
    public FakeScale thenStable(String kilograms) {
        return then(new WeightReading(WeightReading.Status.STABLE, new BigDecimal(kilograms), ""));
    }

    public synchronized void setAvailable(boolean value) {
        available = value;
    }

    @Override
    public synchronized boolean isAvailable() {
        return available;
    }

    @Override
    public synchronized WeightReading read() {
        if (!available) {
            return WeightReading.of(WeightReading.Status.UNREACHABLE, "fake scale switched off");
        }
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }

    @Override
    public synchronized DeviceOutcome zero() {
        zeros++;
        return available ? DeviceOutcome.done() : DeviceOutcome.failed("Scale not reachable — check its cable");
    }

    @Override
    public synchronized DeviceOutcome tare() {
        tares++;
        return available ? DeviceOutcome.done() : DeviceOutcome.failed("Scale not reachable — check its cable");
    }

    public synchronized int zeroCount() {
        return zeros;
    }

    public synchronized int tareCount() {
        return tares;
    }
}
