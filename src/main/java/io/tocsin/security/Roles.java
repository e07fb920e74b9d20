package io.tocsin.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The four roles a token can hold. {@code ingest} posts samples; {@code read} sees everything (every GET,
 * reports, metrics); {@code operator} acts (acknowledge, silences, deployments, manual rollback, event clock);
 * {@code admin} may do all of it. Roles are independent except that admin implies the others.
 */
public final class Roles {

    public static final String INGEST = "ingest";
    public static final String READ = "read";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    /** Every role, in the order the README lists them. */
    public static final List<String> ALL = List.of(INGEST, READ, OPERATOR, ADMIN);

    private Roles() {
    }

    /**
     * Parses a comma-separated role list ({@code read,operator}).
     *
     * @throws IllegalArgumentException naming the unknown role, or for an empty list
     */
    public static Set<String> parse(String text) {
        Set<String> roles = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String role = part.trim();
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "' (roles are " + String.join(", ", ALL)
                        + ")");
            }
            roles.add(role);
        }
        return Set.copyOf(roles);
    }

    /** The roles in README order, comma-separated. */
    public static String format(Set<String> roles) {
        List<String> ordered = new ArrayList<>();
        for (String role : ALL) {
            if (roles.contains(role)) {
                ordered.add(role);
            }
        }
        return String.join(",", ordered);
    }
}
