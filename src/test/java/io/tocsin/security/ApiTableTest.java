package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.ingest.SamplesResource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the API table, the code and the README in step: every JAX-RS resource method of the application is a row
 * with the role its {@code @RolesAllowed} names, every row is an endpoint, and the README's access table lists
 * exactly the rows. A new endpoint fails here until it is in the table and the README.
 */
class ApiTableTest {

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "GET", POST.class,
            "POST", PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH", HEAD.class, "HEAD");

    @Test
    void everyResourceMethodIsInTheTableWithItsRole() throws Exception {
        Set<String> inCode = new TreeSet<>(resourceMethods());
        Set<String> inTable = ApiTable.ENDPOINTS.stream().filter(e -> !ApiTable.HTTP_LAYER.contains(e.path()))
                .map(e -> e.method() + " " + e.path() + " " + e.role()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inTable, inCode, "ApiTable.ENDPOINTS against the @Path/@RolesAllowed of the resources");
    }

    @Test
    void theReadmeListsExactlyTheTable() throws IOException {
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        int start = readme.indexOf("<!-- api-table -->");
        int end = readme.indexOf("<!-- /api-table -->");
        assertTrue(start >= 0 && end > start, "README.md marks its access table with <!-- api-table --> comments");
        Matcher row = Pattern.compile("(?m)^\\| `(GET|POST|PUT|DELETE|PATCH)` \\| `([^`]+)` \\| (\\w+) \\|")
                .matcher(readme.substring(start, end));
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
        }
        assertEquals(ApiTable.ENDPOINTS.stream().map(e -> e.method() + " " + e.path() + " " + e.role()).toList(),
                documented, "README access table rows, in the table's order");
    }

    /** "METHOD /path role" for every resource method of the application's classes. */
    private static List<String> resourceMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(SamplesResource.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        List<String> found = new ArrayList<>();
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            names = files.map(f -> classes.relativize(f).toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ApiTableTest.class.getClassLoader());
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                    if (m.isAnnotationPresent(verb.getKey())) {
                        Path sub = m.getAnnotation(Path.class);
                        RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class)
                                ? m.getAnnotation(RolesAllowed.class) : type.getAnnotation(RolesAllowed.class);
                        String role = m.isAnnotationPresent(PermitAll.class) ? ApiTable.NONE
                                : roles == null ? "(no @RolesAllowed)" : String.join("|", roles.value());
                        found.add(verb.getValue() + " " + join(root.value(), sub == null ? "" : sub.value()) + " "
                                + role);
                    }
                }
            }
        }
        return found;
    }

    private static String join(String root, String sub) {
        String path = "/" + root.replaceAll("^/|/$", "") + (sub.isEmpty() ? "" : (root.equals("/") ? "" : "/")
                + sub.replaceAll("^/|/$", ""));
        return path.replaceAll("\\{(\\w+)(:[^}]*)?}", "{$1}");
    }
}
