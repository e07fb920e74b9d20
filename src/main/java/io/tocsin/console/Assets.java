package io.tocsin.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the page's script and style sheet are: the console's own under {@code /console/assets/}, and htmx from its
 * WebJar in the application (Maven brings it at build time; Tocsin serves it itself, so the page loads nothing from
 * anywhere else).
 */
public record Assets(String htmx, String script, String style) {

    static final Assets INSTANCE = new Assets("/webjars/htmx.org/" + version("org.webjars.npm", "htmx.org")
            + "/dist/htmx.min.js", "/console/assets/console.js", "/console/assets/console.css");

    /** A WebJar's version, from the pom.properties Maven puts in every jar. */
    static String version(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the " + artifact + " WebJar is not on the"
                        + " class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
