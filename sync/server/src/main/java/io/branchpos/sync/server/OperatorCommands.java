package io.branchpos.sync.server;

import io.branchpos.sync.server.operator.OperatorService.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code operator add}: creates (or resets) an operator login for the console and the operator API. */
final class OperatorCommands {
    private OperatorCommands() {
    }

    @Command(name = "operator", mixinStandardHelpOptions = true, subcommands = Add.class, description = "HQ operator logins.")
    static final class Operator implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.err);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create or reset an operator (password asked, or from $BRANCHPOS_OPERATOR_PASSWORD).")
    static final class Add implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--username", required = true)
        String username;
        @Option(names = "--role", required = true, description = "VIEWER, SUPPORT (release, resolve) or ADMIN (also revoke, enrollment codes)")
        Role role;
        @Option(names = "--password", interactive = true, arity = "0..1", description = "asked for when not in $BRANCHPOS_OPERATOR_PASSWORD")
        char[] password;

        @Override
        public Integer call() throws Exception {
            String pw = System.getenv("BRANCHPOS_OPERATOR_PASSWORD");
            if (pw == null && password != null) {
                pw = new String(password);
            }
            if (pw == null) {
                throw new IllegalArgumentException("give a password (--password, asked interactively) or $BRANCHPOS_OPERATOR_PASSWORD");
            }
            String secret = pw;
            return db.withMigrated(spec, ds -> {
                Set<Role> roles = EnumSet.of(role);
                new SyncServer(ds).operators().createOperator(username, secret, roles);
                spec.commandLine().getOut().println("operator " + username + " (" + role + ") can sign in at /console");
                return 0;
            });
        }
    }
}
