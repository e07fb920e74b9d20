package io.tocsin.dispatch.notify.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text for Slack's {@code mrkdwn}, from strings Tocsin does not control (labels, summaries, reasons). Slack reads
 * {@code &}, {@code <} and {@code >} as control characters ({@code <!channel>}, {@code <@U123>},
 * {@code <https://x|click>}), so they are escaped as Slack documents ({@code &amp;}, {@code &lt;}, {@code &gt;});
 * and a written mass mention ({@code @channel}, {@code @here}, {@code @everyone}) gets a zero-width space after
 * its {@code @}, so no label can page a whole channel however the webhook is set up.
 */
public final class SlackText {

    private static final Pattern MASS_MENTION = Pattern.compile("@(channel|here|everyone)\\b",
            Pattern.CASE_INSENSITIVE);

    private SlackText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        Matcher m = MASS_MENTION.matcher(out);
        return m.replaceAll(r -> "@\u200B" + Matcher.quoteReplacement(r.group(1)));
    }
}
