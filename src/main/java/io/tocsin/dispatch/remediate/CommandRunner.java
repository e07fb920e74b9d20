package io.tocsin.dispatch.remediate;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one allowlisted command: an argv, never a shell. An argument that is exactly {@code {{ $labels.name }}},
 * {@code {{ $alert }}} or {@code {{ $deployment }}} is replaced by that value as one whole argument; nothing is
 * ever interpolated into a larger string. A value taken from a label must match {@link #LABEL_VALUE} (letters,
 * digits and {@code . _ : / @ = + -}, 1 to 256 characters, not starting with {@code -}), and no value may start
 * with {@code -}, so it cannot turn into an option, a second word or anything a shell would read. The command
 * gets a clean environment (PATH, HOME, LANG, TZ and TMPDIR from Tocsin's, nothing else, so no secret held in
 * Tocsin's environment reaches it) plus {@code TOCSIN_*} variables, labels as {@code TOCSIN_LABEL_<NAME>}; its
 * standard input is {@code /dev/null}; its output (with errors) is read as it comes and only the last
 * {@value #TAIL_BYTES} bytes are kept, so a chatty command can neither block on a full pipe nor fill memory or
 * disk.
 */
public final class CommandRunner {

    static final int OUTPUT_TAIL = 2000;
    /** Bytes of output kept: enough for {@link #OUTPUT_TAIL} characters of up to four bytes each. */
    static final int TAIL_BYTES = 4 * OUTPUT_TAIL;
    /** What a placeholder taken from a label may hold. */
    static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._:/@=+][A-Za-z0-9._:/@=+-]{0,255}");
    private static final java.util.Set<String> INHERITED = java.util.Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ",
            "TMPDIR");
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*\\$(alert|deployment|labels\\.([a-zA-Z_][a-zA-Z0-9_]*)|params\\.([a-zA-Z_][a-zA-Z0-9_]*))\\s*}}");

    private CommandRunner() {
    }

    /** Runs the command for a record; never throws for the command's own failures. */
    public static DeliveryState.CommandOutcome run(TocsinConfig.Command command, Action action)
            throws IOException, InterruptedException {
        List<String> argv = argv(command.argv(), action);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        command.workingDir().ifPresent(dir -> builder.directory(Path.of(dir).toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(INHERITED);
        env.put("TOCSIN_ACTION_ID", Long.toString(action.id()));
        env.put("TOCSIN_ACTION_TYPE", action.type());
        if (action.alert() != null) {
            env.put("TOCSIN_ALERT", action.alert().name());
            env.put("TOCSIN_ALERT_ID", action.alert().id());
        }
        if (action.deployment() != null) {
            env.put("TOCSIN_DEPLOYMENT", action.deployment());
        }
        action.labels().forEach((name, value) -> env.put("TOCSIN_LABEL_" + name.toUpperCase(Locale.ROOT), value));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long started = System.nanoTime();
        Process process = builder.start();
        OutputTail tail = new OutputTail(TAIL_BYTES);
        Thread reader = new Thread(() -> {
            try (InputStream out = process.getInputStream()) {
                tail.drain(out);
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        }, "tocsin-command-output-" + action.id());
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5_000); // a child that kept the pipe open must not hold the dispatcher
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new DeliveryState.CommandOutcome(finished ? process.exitValue() : null, millis,
                tail.text(OUTPUT_TAIL));
    }

    /** The argv with placeholders replaced; throws {@link IllegalArgumentException} for a value like an option. */
    static List<String> argv(List<String> template, Action action) {
        List<String> argv = new ArrayList<>(template.size());
        for (String arg : template) {
            Matcher m = PLACEHOLDER.matcher(arg.strip());
            if (!m.matches()) {
                argv.add(arg);
                continue;
            }
            String value;
            if (m.group(2) != null) {
                value = action.labels().getOrDefault(m.group(2), "");
            } else if (m.group(3) != null) {
                value = params(action).getOrDefault(m.group(3), "");
            } else if ("alert".equals(m.group(1))) {
                value = action.alert() == null ? "" : action.alert().name();
            } else {
                value = action.deployment() == null ? "" : action.deployment();
            }
            if (value.startsWith("-")) {
                throw new IllegalArgumentException("the value of " + arg.strip() + " starts with '-' and could be read"
                        + " as an option; refused");
            }
            if (m.group(2) != null && !LABEL_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("the value of " + arg.strip() + " ('" + shorten(value)
                        + "') is not 1 to 256 of letters, digits and . _ : / @ = + -; refused");
            }
            argv.add(value);
        }
        return argv;
    }

    /** {@code {{ $params.name }}} values: a remediation's own, a promotion's {@code traffic}. */
    static Map<String, String> params(Action action) {
        return switch (action.kind()) {
            case REMEDIATE -> ((Action.Remediate) action).params();
            case PROMOTE -> Map.of("traffic", Integer.toString(((Action.Promote) action).traffic()));
            case NOTIFY, RESOLVE, ESCALATE, ROLLBACK, ANNOUNCE -> Map.of();
        };
    }

    private static String shorten(String value) {
        String printable = value.codePoints().limit(40)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return value.length() > 40 ? printable + "..." : printable;
    }
}
