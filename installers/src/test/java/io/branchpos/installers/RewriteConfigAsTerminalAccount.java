package io.branchpos.installers;

import io.branchpos.desktop.install.ConfigFileRewrite;
import java.nio.file.Path;

/**
 * Child-JVM helper of {@link ClientPackageIT}, run as an unprivileged member of the group
 * {@code branchpos} (a terminal account): removes {@code enrollment.code=CODE} from FILE with the app's
 * own rewrite. Arguments: FILE CODE. Exit 0: removed; 3: refused or failed (message on stderr).
 */
public final class RewriteConfigAsTerminalAccount {
    private RewriteConfigAsTerminalAccount() {
    }

    public static void main(String[] args) {
        try {
            int removed = ConfigFileRewrite.removeEntries(Path.of(args[0]), "enrollment.code", args[1]::equals);
            System.out.println("removed " + removed);
            System.exit(removed == 1 ? 0 : 3);
        } catch (Exception e) {
            System.err.println("not rewritten: " + e);
            System.exit(3);
        }
    }
}
