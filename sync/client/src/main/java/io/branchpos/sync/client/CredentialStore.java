package io.branchpos.sync.client;

import java.util.Optional;

/** Where the terminal keeps its HQ credential (the desktop: a file readable only by the POS user). */
public interface CredentialStore {

    Optional<TerminalCredential> load();

    void save(TerminalCredential credential);

    /** Forgets the credential (HQ refused it: the terminal must be enrolled again). */
    void clear();

    /** A store in memory, for tests and demos. */
    static CredentialStore inMemory() {
        return new CredentialStore() {
            private volatile TerminalCredential credential;

            @Override
            public Optional<TerminalCredential> load() {
                return Optional.ofNullable(credential);
            }

            @Override
            public void save(TerminalCredential c) {
                credential = c;
            }

            @Override
            public void clear() {
                credential = null;
            }
        };
    }
}
