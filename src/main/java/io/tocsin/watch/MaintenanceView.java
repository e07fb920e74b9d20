package io.tocsin.watch;

import io.tocsin.engine.fact.Maintenance;
import java.util.List;
import java.util.Map;

/**
 * What the watches need to know of maintenance windows: which are open, and whether one covers a success
 * criterion's violation (by the criterion's name as {@code alertname} and the series' labels). A covered
 * violation is excused: the window is recorded on the timeline instead.
 */
public interface MaintenanceView {

    List<Maintenance> open();

    boolean covers(String name, Map<String, String> labels);

    /** No maintenance at all. */
    static MaintenanceView none() {
        return new MaintenanceView() {
            @Override
            public List<Maintenance> open() {
                return List.of();
            }

            @Override
            public boolean covers(String name, Map<String, String> labels) {
                return false;
            }
        };
    }
}
