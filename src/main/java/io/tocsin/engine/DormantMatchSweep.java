package io.tocsin.engine;

import java.util.ArrayList;
import java.util.List;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.common.MemoryFactory;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.phreak.RuleAgendaItem;
import org.drools.core.reteoo.AlphaTerminalNode;
import org.drools.core.reteoo.PathMemory;
import org.drools.core.reteoo.TerminalNode;
import org.drools.core.reteoo.TupleImpl;
import org.drools.core.util.LinkedList;
import org.kie.api.runtime.KieSession;

/**
 * Works around a leak in Drools 10.1 (apache/incubator-kie-drools#6361, fixed upstream for deletes only after
 * 10.1): a rule with one pattern and only constant constraints ({@code Series(metric == "x", value > 0.8)}, most
 * alert rules) runs on an {@code AlphaTerminalNode}, whose fired matches wait in their rule's list of dormant
 * matches. When the fact changes so that it no longer matches, or is deleted, Drools cancels the match (truth
 * maintenance retracts what it held) but leaves it in that list, since it removes only matches staged as deletes
 * and these never are. In an alert storm that is every recovery: about 20,000 matches a second at 10,000 series,
 * kept for the life of the session (125 MB of heap after 25 s, without bound).
 *
 * <p>Such a match is no longer linked from its fact, which is how Drools reaches a match to update or delete it,
 * so nothing can fire it or remove it again: taking it out of the list changes nothing the rules can see. This
 * is done after a {@code fireAllRules}, when nothing is half-propagated, for a rule whose list has doubled since
 * it was last swept, so the cost is a constant per leaked match.
 */
final class DormantMatchSweep {

    /** A list this short is left alone: it costs nothing and sweeping it would cost more. */
    private static final int MIN_SWEEP = 1024;

    private final ReteEvaluator session;
    private final int minSweep;
    private final List<TerminalNode> terminals = new ArrayList<>();
    private final int[] sweepAt;
    private long removed;

    DormantMatchSweep(KieSession session) {
        this(session, MIN_SWEEP);
    }

    /** With lists swept from {@code minSweep} matches on; 0: every list after every fire (tests). */
    DormantMatchSweep(KieSession session, int minSweep) {
        this.session = (ReteEvaluator) session;
        this.minSweep = minSweep;
        InternalRuleBase base = (InternalRuleBase) session.getKieBase();
        for (TerminalNode[] nodes : base.getReteooBuilder().getTerminalNodes().values()) {
            for (TerminalNode node : nodes) {
                if (node.getLeftTupleSource() instanceof AlphaTerminalNode) {
                    terminals.add(node);
                }
            }
        }
        sweepAt = new int[terminals.size()];
        java.util.Arrays.fill(sweepAt, minSweep);
    }

    /** Takes cancelled matches out of the dormant lists that have doubled since their last sweep. */
    void afterFire() {
        for (int i = 0; i < terminals.size(); i++) {
            @SuppressWarnings("unchecked")
            PathMemory memory = session.getNodeMemory((MemoryFactory<PathMemory>) terminals.get(i));
            RuleAgendaItem item = memory.getRuleAgendaItem();
            if (item == null) {
                continue;
            }
            LinkedList<TupleImpl> dormant = item.getRuleExecutor().getDormantMatches();
            if (dormant.size() < sweepAt[i]) {
                continue;
            }
            for (TupleImpl match = dormant.getFirst(); match != null;) {
                TupleImpl next = match.getNext();
                if (!linkedFromFact(match)) {
                    dormant.remove(match);
                    removed++;
                }
                match = next;
            }
            sweepAt[i] = minSweep == 0 ? 0 : Math.max(minSweep, 2 * dormant.size());
        }
    }

    /** Whether the match's fact still holds it (an alpha terminal match hangs directly off its fact). */
    private static boolean linkedFromFact(TupleImpl match) {
        InternalFactHandle fact = match.getFactHandle();
        return fact != null && fact.isValid() && fact.getLinkedTuples() != null
                && fact.getLinkedTuples().findFirstLeftTuple(t -> t == match) != null;
    }

    /** Cancelled matches taken out so far (tests). */
    long removed() {
        return removed;
    }

    /** Rules on an alpha terminal node (tests). */
    int rules() {
        return terminals.size();
    }
}
