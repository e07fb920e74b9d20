package io.tocsin.dispatch.notify.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label values and summaries reach Slack as text: escaped, and never a mass mention. */
class SlackTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
            "genesis                          => genesis",
            "a & b < c > d                    => a &amp; b &lt; c &gt; d",
            "<!channel> down                  => &lt;!channel&gt; down",
            "<!here|here>                     => &lt;!here|here&gt;",
            "<@U123> and <#C42>               => &lt;@U123&gt; and &lt;#C42&gt;",
            "<https://evil.example|click me>  => &lt;https://evil.example|click me&gt;",
            "ping @channel now                => ping @\u200Bchannel now",
            "@here                            => @\u200Bhere",
            "@EVERYONE!                       => @\u200BEVERYONE!",
            "mail ops@channels.example        => mail ops@channels.example",
            "&amp; stays visible              => &amp;amp; stays visible"})
    void escaped(String text, String expected) {
        assertEquals(expected, SlackText.escape(text));
    }
}
