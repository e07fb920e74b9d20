package io.tocsin.engine.fact;

import java.util.Map;

/** Something a condition can be held on: a labelled value that may change while the condition holds. */
public interface Observation {

    Map<String, String> getLabels();

    double getValue();
}
