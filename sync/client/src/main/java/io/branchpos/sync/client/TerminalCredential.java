package io.branchpos.sync.client;

/** The credential HQ issued at enrollment. The token is a secret: never log it. */
public record TerminalCredential(String terminalId, String branchId, String token) {
    @Override
    public String toString() {
        return "TerminalCredential[terminalId=" + terminalId + ", branchId=" + branchId + ", token=***]";
    }
}
