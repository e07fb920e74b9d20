package io.tocsin.engine.fact;

/**
 * A named pack setting, such as {@code critical-replaces-warning}: declared in the pack's DRL by a
 * {@code @setting} rule ({@code insertLogical(setting("critical-replaces-warning", "false"))}), read by its rules
 * ({@code Setting( name == "critical-replaces-warning", enabled )}). Configuration
 * ({@code tocsin.settings.<pack>.<name>}) and rule test files ({@code settings:}) may override the declared
 * value; {@link #getDeclared()} keeps what the pack says. A pack sees only its own settings.
 */
public final class Setting {

    private final String pack;
    private final String name;
    private final String value;
    private final String declared;

    public Setting(String pack, String name, String value, String declared) {
        this.pack = pack;
        this.name = name;
        this.value = value;
        this.declared = declared;
    }

    public String getPack() {
        return pack;
    }

    public String getName() {
        return name;
    }

    /** The value in effect: the override if one is configured, else the declared one. */
    public String getValue() {
        return value;
    }

    /** The value the pack declares. */
    public String getDeclared() {
        return declared;
    }

    /** True for {@code true}, {@code on} or {@code yes} (any case). */
    public boolean isEnabled() {
        return value != null && switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            default -> false;
        };
    }

    /** The value as a duration in milliseconds ({@code "15m"}). */
    public long getMillis() {
        return Durations.millis(value.trim());
    }

    @Override
    public String toString() {
        return "Setting[" + pack + "." + name + "=" + value + (value.equals(declared) ? "" : " (declared " + declared
                + ")") + "]";
    }
}
