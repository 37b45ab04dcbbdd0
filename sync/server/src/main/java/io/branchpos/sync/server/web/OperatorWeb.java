package io.branchpos.sync.server.web;

import io.branchpos.sync.protocol.ErrorBody;
import io.branchpos.sync.protocol.ErrorCodes;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.server.ingest.IngestService;
import io.branchpos.sync.server.operator.OperatorService;
import io.branchpos.sync.server.operator.OperatorService.Operator;
import io.branchpos.sync.server.operator.OperatorService.PermissionDeniedException;
import io.branchpos.sync.server.operator.OperatorService.QuarantinedEvent;
import io.branchpos.sync.server.operator.OperatorService.Role;
import io.branchpos.sync.server.operator.OperatorService.TerminalState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's API ({@code /v1/operator/...}, JSON) and a small server-rendered console
 * ({@code /console}), both behind HTTP Basic authentication against {@code operator}.
 */
public final class OperatorWeb {
    private final OperatorService operators;
    private final Clock clock;

    public OperatorWeb(OperatorService operators, Clock clock) {
        this.operators = operators;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/console", this::console);
        routes.get("/v1/operator/terminals", ctx -> json(ctx, operators.terminals(), login(ctx)));
        routes.get("/v1/operator/quarantine", ctx -> json(ctx, operators.quarantined(), login(ctx)));
        routes.get("/v1/operator/audit", ctx -> json(ctx, operators.audit(200), login(ctx)));
        routes.post("/v1/operator/terminals/{terminalId}/release", ctx -> action(ctx, op ->
                operators.release(op, ctx.pathParam("terminalId"), ctx.queryParam("reason"))));
        routes.post("/v1/operator/terminals/{terminalId}/revoke", ctx -> action(ctx, op ->
                operators.revoke(op, ctx.pathParam("terminalId"), ctx.queryParam("reason"))));
        routes.post("/v1/operator/quarantine/{id}/resolve", ctx -> action(ctx, op ->
                operators.resolveQuarantine(op, Long.parseLong(ctx.pathParam("id")), ctx.queryParam("reason"))));
        routes.post("/v1/operator/catalog/confirm-removal", ctx -> action(ctx, op ->
                operators.confirmRemoval(op, instant(ctx.queryParam("since")), ctx.queryParam("reason"))));
        routes.post("/v1/operator/quarantine/{id}/replay", ctx -> {
            if (crossSite(ctx)) {
                return;
            }
            Operator op = login(ctx);
            if (op == null) {
                return;
            }
            try {
                String outcome = operators.replayQuarantine(op, Long.parseLong(ctx.pathParam("id")), reason(ctx));
                ctx.contentType("application/json").result(ProtocolJson.write(Map.of("outcome", "OK", "detail", outcome)));
            } catch (PermissionDeniedException e) {
                error(ctx, 403, ErrorCodes.FORBIDDEN, e.getMessage());
            } catch (IngestService.ReplayRefusedException e) {
                error(ctx, 409, ErrorCodes.REPLAY_REFUSED, e.getMessage());
            } catch (IllegalArgumentException e) {
                error(ctx, 400, ErrorCodes.INVALID_REQUEST, e.getMessage());
            }
        });
        routes.post("/v1/operator/branches/{branchId}/terminals/{terminalId}/enrollment-code", ctx -> {
            Operator op = login(ctx);
            if (op == null) {
                return;
            }
            try {
                String code = operators.reissueEnrollmentCode(op, ctx.pathParam("branchId"), ctx.pathParam("terminalId"),
                        ctx.queryParam("reason"));
                ctx.contentType("application/json").result(ProtocolJson.write(Map.of("enrollmentCode", code)));
            } catch (PermissionDeniedException e) {
                error(ctx, 403, ErrorCodes.FORBIDDEN, e.getMessage());
            } catch (IllegalArgumentException e) {
                error(ctx, 400, ErrorCodes.INVALID_REQUEST, e.getMessage());
            }
        });
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("since= is required: an ISO instant such as 2026-11-22T06:00:00Z");
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("since= is not an ISO instant such as 2026-11-22T06:00:00Z: " + text);
        }
    }

    /** {@code ?reason=} of the API, or the reason field of the console's form. */
    private static String reason(Context ctx) {
        String q = ctx.queryParam("reason");
        return q != null ? q : ctx.formParam("reason");
    }

    @FunctionalInterface
    private interface OperatorAction {
        void run(Operator op) throws SQLException;
    }

    /**
     * Refuses a POST a browser sent from another site's page (its {@code Origin} names another host):
     * the console's forms ride on the browser's Basic credentials. API clients send no Origin.
     */
    private static boolean crossSite(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin == null || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host))) {
            return false;
        }
        error(ctx, 403, ErrorCodes.FORBIDDEN, "cross-site request refused (Origin " + origin + ")");
        return true;
    }

    private void action(Context ctx, OperatorAction action) throws SQLException {
        if (crossSite(ctx)) {
            return;
        }
        Operator op = login(ctx);
        if (op == null) {
            return;
        }
        try {
            action.run(op);
            ctx.contentType("application/json").result("{\"outcome\":\"OK\"}");
        } catch (PermissionDeniedException e) {
            error(ctx, 403, ErrorCodes.FORBIDDEN, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, ErrorCodes.INVALID_REQUEST, e.getMessage());
        }
    }

    private Operator login(Context ctx) throws SQLException {
        String header = ctx.header("Authorization");
        Optional<Operator> op = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    op = operators.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException ignored) {
                // not base64: treated as no login
            }
        }
        if (op.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"BranchPOS HQ\", charset=\"UTF-8\"");
            error(ctx, 401, ErrorCodes.UNAUTHENTICATED, "operator login required");
            return null;
        }
        return op.get();
    }

    private static void json(Context ctx, Object body, Operator op) {
        if (op != null) {
            ctx.contentType("application/json").result(ProtocolJson.write(body));
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json").result(ProtocolJson.write(ErrorBody.of(code, message)));
    }

    private void console(Context ctx) throws SQLException {
        Operator op = login(ctx);
        if (op == null) {
            return;
        }
        Instant now = clock.instant();
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>BranchPOS HQ console</title>")
                .append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
                .append("padding:.3em .6em;text-align:left;vertical-align:top}.bad{background:#fee}pre{white-space:pre-wrap;max-width:60em;margin:0}</style>")
                .append("</head><body><h1>BranchPOS HQ</h1><p>Signed in as ").append(esc(op.username())).append(" (")
                .append(esc(op.roles().toString())).append(")</p>");
        h.append("<h2>Terminals</h2><table id=\"terminals\"><tr><th>Branch</th><th>Terminal</th><th>Last contact</th><th>Since</th>")
                .append("<th>Acknowledged seq</th><th>Quarantined</th><th>State</th></tr>");
        for (TerminalState t : operators.terminals()) {
            boolean bad = t.blocked() || t.quarantined() > 0;
            h.append("<tr").append(bad ? " class=\"bad\"" : "").append("><td>").append(esc(t.branchId())).append("</td><td>")
                    .append(esc(t.terminalId())).append("</td><td>").append(t.lastContact() == null ? "never" : t.lastContact().toString())
                    .append("</td><td>").append(t.lastContact() == null ? "" : ago(Duration.between(t.lastContact(), now)))
                    .append("</td><td>").append(t.acknowledgedSeq()).append("</td><td>").append(t.quarantined()).append("</td><td>")
                    .append(t.blocked() ? "BLOCKED: " + esc(t.blockedReason()) : t.enrolled() ? "ok" : "not enrolled / revoked")
                    .append("</td></tr>");
        }
        h.append("</table><h2>Quarantined events</h2><table id=\"quarantine\"><tr><th>#</th><th>Terminal</th><th>Seq</th>")
                .append("<th>Type</th><th>Kind</th><th>Reason</th><th>Since</th><th>Payload</th>")
                .append(op.may(Role.SUPPORT) ? "<th>Replay</th>" : "").append("</tr>");
        for (QuarantinedEvent q : operators.quarantined()) {
            h.append("<tr class=\"bad\"><td>").append(q.quarantineId()).append("</td><td>").append(esc(q.terminalId())).append("</td><td>")
                    .append(q.seq()).append("</td><td>").append(esc(q.type())).append("</td><td>").append(esc(q.kind()))
                    .append("</td><td>").append(esc(q.reason())).append("</td><td>").append(q.createdAt()).append("</td><td><pre>")
                    .append(esc(abbreviate(q.payload(), 2000))).append("</pre></td>");
            if (op.may(Role.SUPPORT)) {
                // re-runs the event through ingest and its projections (idempotent); audited with the reason given
                h.append("<td><form method=\"post\" action=\"/v1/operator/quarantine/").append(q.quarantineId())
                        .append("/replay\"><input name=\"reason\" required placeholder=\"why\"> <button type=\"submit\">Replay</button></form></td>");
            }
            h.append("</tr>");
        }
        h.append("</table><h2>Day closes</h2><table id=\"dayclose\"><tr><th>Terminal</th><th>Z</th><th>Day</th><th>Status</th><th>Detail</th></tr>");
        for (OperatorService.DayCloseState d : operators.dayCloses(100)) {
            boolean ok = "RECONCILED".equals(d.status());
            h.append("<tr").append(ok ? "" : " class=\"bad\"").append("><td>").append(esc(d.terminalId())).append("</td><td>")
                    .append(d.zNumber()).append("</td><td>").append(esc(d.businessDay())).append("</td><td>")
                    .append(d.status() == null ? "not checked yet" : esc(d.status())).append("</td><td>").append(esc(d.detail()))
                    .append("</td></tr>");
        }
        h.append("</table><p>Actions: <code>POST /v1/operator/...</code> with <code>?reason=</code> (docs/feed.md). Role ")
                .append(op.may(Role.SUPPORT) ? "allows" : "does not allow").append(" release, resolve and replay.")
                .append(" A terminal that refuses HQ's catalog because it would deactivate most products takes it once an ADMIN")
                .append(" confirms the removal: <code>POST /v1/operator/catalog/confirm-removal?since=INSTANT&amp;reason=…</code>")
                .append(" (or <code>catalog confirm-removal --since INSTANT</code>).</p></body></html>");
        ctx.contentType("text/html; charset=utf-8").result(h.toString());
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    private static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
