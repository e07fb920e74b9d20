package io.tocsin.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The console's Qute templates ({@code src/main/resources/templates/console/}), checked at build time. */
@CheckedTemplate(basePath = "console")
final class Templates {

    private Templates() {
    }

    /** Sign in with a token; {@code problem} says why the last attempt failed, or is null. */
    static native TemplateInstance signIn(Assets assets, String problem);

    /** The console: its sections load and refresh themselves ({@code /console/*}). */
    static native TemplateInstance page(Assets assets, Viewer viewer, String clock);

    static native TemplateInstance alerts(Viewer viewer, AlertsModel model);

    static native TemplateInstance silences(Viewer viewer, SilencesModel model);

    static native TemplateInstance deployments(Viewer viewer, DeploymentsModel model);

    static native TemplateInstance actions(Viewer viewer, ActionsModel model);
}
