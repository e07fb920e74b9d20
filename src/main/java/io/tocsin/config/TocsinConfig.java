package io.tocsin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Operator settings under {@code tocsin.*} (env {@code TOCSIN_*}); every key is documented in the README. */
@ConfigMapping(prefix = "tocsin")
public interface TocsinConfig {

    /** {@code wall} (default): now is real time. {@code event}: now is the greatest timestamp seen. */
    @WithDefault("wall")
    ClockMode clock();

    /** A series with no sample for longer than this is stale and satisfies no rule (Prometheus: 5m). */
    @WithDefault("5m")
    Duration staleness();

    /** Wall clock only: samples further ahead of the server's clock than this are rejected. */
    @WithDefault("5m")
    Duration futureTolerance();

    /** How long resolved alerts stay listed under {@code ?state=resolved}. */
    @WithDefault("15m")
    Duration resolvedRetention();

    /** A series silent for this long is forgotten entirely (bounds memory when series churn). */
    @WithDefault("1h")
    Duration seriesRetention();

    /**
     * Samples whose new value no rule can tell apart from the last (no threshold of the series flips) move the
     * series in place without waking the rules; false sends every sample through the rules, as before.
     */
    @WithDefault("true")
    boolean valueTriggers();

    /** Wall clock only: how often the engine re-evaluates without samples (deadlines, staleness, absence). */
    @WithDefault("1s")
    Duration tick();

    /** Serve the API and run the engine; the command-line tools (check, test-rules) turn this off. */
    @WithDefault("true")
    boolean serve();

    /** Rule packs that may fire (folders under rules/ compiled into the knowledge base); unset: all of them. */
    Optional<List<String>> packs();

    /** How long a registered deployment is watched before its verdict (the runbook's 48 hours). */
    @WithDefault("48h")
    Duration watchWindow();

    /** The trailing window a {@code Trend} fact is fitted over (for criteria such as "no memory growth"). */
    @WithDefault("6h")
    Duration trendWindow();

    /**
     * A folder of rule packs to compile at start instead of the rules built into the application (JVM only), e.g.
     * {@code rules}; unset: the rules compiled at build time.
     */
    Optional<String> rulesDir();

    /** Name of the Drools session (from {@code drools.kbase.*.ksession.*}) to run. */
    @WithDefault("tocsin")
    String session();

    /** Where the engine's state survives restarts (state/), and final reports and evidence are written. */
    @WithDefault("./data")
    String dataDir();

    /** Record every action with status {@code dry-run} and execute none. */
    @WithDefault("false")
    boolean dryRun();

    Dispatch dispatch();

    Slack slack();

    PagerDuty pagerduty();

    Email email();

    /** Generic webhooks by destination name; they receive Alertmanager's webhook payload (version 4). */
    Map<String, Webhook> webhooks();

    /** The remediation allowlist: only these commands can run. */
    Map<String, Command> commands();

    /** Escalation targets (e.g. {@code incident-commander}) and the receivers that reach them. */
    Map<String, EscalationTarget> escalation();

    /**
     * Overrides of pack settings, by pack and setting name: {@code tocsin.settings.genesis.critical-replaces-warning=true}
     * (the packs declare their settings and defaults in DRL, see {@code Setting}).
     */
    Map<String, Map<String, String>> settings();

    Rollback rollback();

    Promote promote();

    Ingest ingest();

    /** Limits no client can exceed (README "Limits"). */
    Limits limits();

    State state();

    /** Prometheus remote write ({@code POST /api/v1/write}). */
    RemoteWrite remoteWrite();

    /**
     * Where people and tools reach this Tocsin, e.g. {@code https://tocsin.example.org}: the base of the
     * {@code generatorURL} of alerts shown to and forwarded to Alertmanager. Unset: {@code http://} plus
     * {@code quarkus.http.host} and {@code quarkus.http.port}.
     */
    Optional<String> externalUrl();

    /** Alertmanagers that the {@code alertmanager} receiver forwards alerts to, by destination name. */
    Map<String, Alertmanager> alertmanagers();

    /**
     * How often alerts forwarded to an Alertmanager are sent again while they fire (and for the resolved
     * retention after they resolve), as Prometheus' {@code --rules.alert.resend-delay}; a firing alert's
     * {@code endsAt} lies four of these ahead, so Alertmanager does not time it out between sends.
     */
    @WithDefault("1m")
    Duration alertmanagerResendDelay();

    enum ClockMode {
        WALL, EVENT
    }

    interface Dispatch {
        /** The wait after the first failed attempt; it doubles with each further failure up to the cap. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The cap on the wait between attempts. */
        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * How long an undeliverable action is retried, from its first attempt; then it is {@code expired} and the
         * rules hear of it.
         */
        @WithDefault("24h")
        Duration maxAge();

        /** Per-request timeout for HTTP receivers and SMTP. */
        @WithDefault("10s")
        Duration timeout();

        /** Notifications in flight at once; a hanging receiver holds one of them until its timeout. */
        @WithDefault("8")
        int concurrency();

        /** Commands (remediation, rollback, promotion) running at once, on a pool of their own. */
        @WithDefault("4")
        int commandConcurrency();

        /** At shutdown, how long deliveries in flight may take to finish; the rest wait in the outbox. */
        @WithDefault("15s")
        Duration shutdownGrace();

        /**
         * Deliveries the dispatcher holds at once (queued, running, or waiting to retry); beyond it a new one fails
         * at once ("dispatch queue full"), which the rules see as a failed result.
         */
        @WithDefault("10000")
        int maxQueued();
    }

    interface Slack {
        /** Incoming-webhook URL per channel, keyed by the channel name without '#'. */
        Map<String, String> channels();
    }

    interface PagerDuty {
        /** Events API v2 endpoint, e.g. https://events.pagerduty.com/v2/enqueue; unset: deliver to the log. */
        Optional<String> url();

        /** Routing key for destinations without one of their own. */
        Optional<String> routingKey();

        /** Routing key per destination (e.g. genesis-oncall, incident-commander). */
        Map<String, String> routingKeys();
    }

    interface Email {
        /** SMTP server; unset: email is delivered to the log. */
        Optional<String> host();

        @WithDefault("25")
        int port();

        Optional<String> username();

        Optional<String> password();

        /** disabled, optional or required. */
        @WithDefault("optional")
        String starttls();

        @WithDefault("tocsin@localhost")
        String from();

        /** Comma-separated recipients per destination (e.g. genesis-logs, incident-commander). */
        Map<String, List<String>> recipients();
    }

    interface Webhook {
        String url();
    }

    interface Alertmanager {
        /** Its base URL, e.g. {@code http://localhost:9093}; alerts go to {@code <url>/api/v2/alerts}. */
        String url();

        /** Sent as {@code Authorization: Bearer <token>}; prefer {@link #bearerTokenFile()}. */
        Optional<String> bearerToken();

        /** A file holding the bearer token (read at each send, so it can be rotated). */
        Optional<String> bearerTokenFile();

        /** Basic authentication, with {@link #password()} (instead of a bearer token). */
        Optional<String> username();

        Optional<String> password();
    }

    interface Command {
        /** Program and arguments, no shell. An argument that is exactly {{ $labels.name }} is replaced whole. */
        List<String> argv();

        @WithDefault("60s")
        Duration timeout();

        Optional<String> workingDir();

        /** Record this command's runs as dry-run and never execute it. */
        @WithDefault("false")
        boolean dryRun();
    }

    interface EscalationTarget {
        /** Receiver types (slack, pagerduty, email, webhook) that reach this target; the target is the destination. */
        List<String> receivers();
    }

    interface Rollback {
        /** The allowlisted command that performs a rollback. */
        @WithDefault("rollback")
        String command();
    }

    interface Promote {
        /** The allowlisted command that raises a deployment's traffic ({@code {{ $params.traffic }}}). */
        @WithDefault("promote")
        String command();
    }

    interface State {
        /** Journal bytes written since the latest snapshot after which the engine takes a new one. */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize snapshotBytes();

        /** Real time after which the engine takes a snapshot if anything was written since the latest one. */
        @WithDefault("10m")
        Duration snapshotInterval();
    }

    interface Ingest {
        /** Samples waiting for the engine beyond which new batches are refused with 503 and Retry-After. */
        @WithDefault("262144")
        long maxQueuedSamples();

        /**
         * The estimated memory of the batches waiting for the engine beyond which new batches are refused with 503
         * and Retry-After; a single batch larger than this gets 413.
         */
        @WithDefault("128M")
        io.quarkus.runtime.configuration.MemorySize maxQueuedBytes();

        /** Operator inputs and reads waiting for the engine beyond which new requests get 503 and Retry-After. */
        @WithDefault("10000")
        int maxQueuedRequests();
    }

    interface Limits {
        /** Labels of one sample, besides the metric name. */
        @WithDefault("64")
        int maxLabelsPerSeries();

        /** Bytes (UTF-8) of a label name. */
        @WithDefault("128")
        int maxLabelNameBytes();

        /** Bytes (UTF-8) of a label value. */
        @WithDefault("2048")
        int maxLabelValueBytes();

        /** Bytes of a metric name. */
        @WithDefault("256")
        int maxMetricNameBytes();

        /** Samples in one request (JSON or remote write); more get 413. */
        @WithDefault("100000")
        int maxSamplesPerRequest();

        /** Series held at once; batches that would create more are refused with 429. */
        @WithDefault("200000")
        int maxSeries();

        /** Pending and active silences at once; more are refused with 429. */
        @WithDefault("1000")
        int maxSilences();

        /** The longest silence (from its start to its end). */
        @WithDefault("720h")
        Duration maxSilenceDuration();

        /** Matchers of one silence. */
        @WithDefault("64")
        int maxMatchers();

        /** Bytes (UTF-8) of a free-text field: comments, reasons, versions, matcher values. */
        @WithDefault("1024")
        int maxTextBytes();

        /** Operator actions the audit trail keeps (the most recent). */
        @WithDefault("10000")
        int auditEntries();

        /** How far before engine time a deployment's startedAt may lie. */
        @WithDefault("24h")
        Duration deploymentMaxAge();

        /** How far after engine time a deployment's startedAt may lie. */
        @WithDefault("5m")
        Duration deploymentMaxAhead();
    }

    interface RemoteWrite {
        /** A body that declares a larger uncompressed size is refused with 413 before it is decompressed. */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize maxDecodedSize();
    }
}
