package io.tocsin.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number and text formatting shared by the Markdown and HTML reports. */
final class Text {

    private Text() {
    }

    /** Four significant digits, no exponent for everyday magnitudes: 0.001234, 182.5, 1.235E+9. */
    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        BigDecimal d = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        double abs = Math.abs(value);
        return abs != 0 && (abs >= 1e7 || abs < 1e-4) ? d.toString() : d.toPlainString();
    }

    /** A fraction as a percentage, rounded down so 99.96 % is never shown as meeting 100 %. */
    static String percent(double fraction) {
        return new BigDecimal(fraction * 100).setScale(2, java.math.RoundingMode.FLOOR).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** Escapes text for HTML element content and attribute values. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes text for a Markdown table cell. */
    static String cell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
