package io.branchpos.domain.till;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Business day is not the calendar day. A store open past midnight keeps selling into the
 * business day it opened; the day ends only when the manager closes it (Z), and what is sold after
 * that belongs to the next business day. {@code rollover} is the local time before which an
 * instant still belongs to the previous calendar day when a terminal opens without a known day
 * (e.g. 04:00: a sale at 01:30 on the 23rd belongs to the 22nd).
 */
public record BusinessDayRule(ZoneId zone, LocalTime rollover) {
    public BusinessDayRule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(rollover, "rollover");
    }

    /** The business day an instant falls into when nothing has been closed yet. */
    public LocalDate dayOf(Instant at) {
        return at.atZone(zone).minusHours(rollover.getHour()).minusMinutes(rollover.getMinute()).toLocalDate();
    }

    /**
     * The business day that starts when {@code closed} is closed at {@code closedAt}: the day after
     * it, or later if the store stayed shut (closing Monday's day on Thursday morning starts Thursday).
     * Never earlier than the day after the closed one, so business days strictly increase.
     */
    public LocalDate nextAfterClose(LocalDate closed, Instant closedAt) {
        LocalDate following = closed.plusDays(1);
        LocalDate byClock = dayOf(closedAt);
        return byClock.isAfter(following) ? byClock : following;
    }
}
