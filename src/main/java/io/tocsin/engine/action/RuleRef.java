package io.tocsin.engine.action;

/** Where a decision comes from: pack, DRL file (relative to {@code rules/}), line and rule name. */
public record RuleRef(String pack, String file, int line, String name) {
}
