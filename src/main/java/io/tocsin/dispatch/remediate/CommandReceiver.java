package io.tocsin.dispatch.remediate;

import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Receiver;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * Runs remediation and rollback commands from the allowlist ({@code tocsin.commands.<name>}); a name that is
 * not in it fails at once. A command is run once, never retried: its exit code goes back to the rules, which
 * decide what follows (e.g. another restart attempt, an escalation).
 */
@ApplicationScoped
public class CommandReceiver implements Receiver {

    @Inject
    TocsinConfig config;

    @Override
    public String name() {
        return "command";
    }

    @Override
    public Delivery deliver(Action action) {
        TocsinConfig.Command command = config.commands().get(action.destination());
        if (command == null) {
            return Delivery.permanent("process",
                    "command '" + action.destination() + "' is not in the allowlist (tocsin.commands)");
        }
        try {
            DeliveryState.CommandOutcome outcome = CommandRunner.run(command, action);
            if (outcome.exitCode() == null) {
                return new Delivery(Delivery.Outcome.PERMANENT, "process",
                        "timed out after " + command.timeout().toSeconds() + "s", outcome);
            }
            return outcome.exitCode() == 0 ? new Delivery(Delivery.Outcome.SENT, "process", null, outcome)
                    : new Delivery(Delivery.Outcome.PERMANENT, "process", "exit code " + outcome.exitCode(), outcome);
        } catch (IllegalArgumentException e) {
            return Delivery.permanent("process", e.getMessage());
        } catch (IOException e) {
            return Delivery.permanent("process", "could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.permanent("process", "interrupted");
        }
    }
}
