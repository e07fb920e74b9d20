package io.tocsin.watch;

/**
 * One entry of a watch's timeline. Kinds: {@code alert-firing}, {@code alert-resolved}, {@code escalation},
 * {@code rollback}, {@code promotion}, {@code remediation}, {@code step-held}, {@code extended},
 * {@code succeeded}, {@code rolled-back}, {@code closed}, {@code evidence}.
 */
public record WatchEvent(long at, String kind, String text) {
}
