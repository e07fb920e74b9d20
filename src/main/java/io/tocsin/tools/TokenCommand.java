package io.tocsin.tools;

import io.tocsin.config.TocsinConfig;
import io.tocsin.security.ApiToken;
import io.tocsin.security.Roles;
import io.tocsin.security.SecurityConfig;
import io.tocsin.security.TokenFile;
import io.tocsin.security.TokenTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./tocsin token <name> <roles>}: makes a new random token and prints it (once; it is stored nowhere)
 * and the line to add to the token file. Nothing is written: the operator decides where the line goes.
 */
@ApplicationScoped
public class TokenCommand {

    @Inject
    SecurityConfig security;
    @Inject
    TocsinConfig config;

    /** 0 when a token was made, 2 for a usage error (printed on {@code err}). */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2) {
            err.println("usage: ./tocsin token <name> <roles>   roles: comma-separated among "
                    + String.join(", ", Roles.ALL) + " (e.g. ./tocsin token prometheus ingest)");
            return 2;
        }
        String name = args.get(0);
        String roles;
        try {
            roles = Roles.format(Roles.parse(args.get(1)));
            if (!ApiToken.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name '" + name + "': use 1 to 64 letters, digits and . _ @ -");
            }
        } catch (IllegalArgumentException e) {
            err.println("token: " + e.getMessage());
            return 2;
        }
        String token = ApiToken.generate();
        out.println("# The token for " + name + " (" + roles + "); it is shown only now, give it to the client:");
        out.println(token);
        out.println("# Add this line to " + TokenTable.tokenFile(security, config) + " and restart Tocsin:");
        out.println(TokenFile.line(name, roles, token));
        return 0;
    }
}
