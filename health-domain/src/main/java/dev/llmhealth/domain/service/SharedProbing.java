package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.CoordinationMode;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.SharedVerdict;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A check round's side of sharing probes with the other replicas: which deployments this replica
 * may probe (their leases), its verdicts out, theirs in (newer wins), and whether the shared store
 * can be reached now, shown in the snapshot and said once in the log when it changes. With nothing
 * shared (one replica) every call is a pass-through.
 */
final class SharedProbing {

    private static final System.Logger LOG = System.getLogger(SharedProbing.class.getName());

    private final ProbeCoordination coordination;
    private final SnapshotStore store;
    private final TransitionRecorder transitions;

    SharedProbing(ProbeCoordination coordination, SnapshotStore store, TransitionRecorder transitions) {
        this.coordination = coordination;
        this.store = store;
        this.transitions = transitions;
    }

    /** Takes the other replicas' newer verdicts into the snapshot. */
    void pullInto(List<Deployment> deployments) {
        if (!coordination.configured() || deployments.isEmpty()) {
            return;
        }
        Optional<Map<String, SharedVerdict>> shared = coordination.verdicts(deployments.stream().map(Deployment::id).toList());
        coordinationIs(shared.isPresent());
        if (shared.isEmpty() || shared.get().isEmpty()) {
            return;
        }
        Map<String, DeploymentHealth> local = store.current().deploymentsById();
        List<DeploymentHealth> newer = new ArrayList<>();
        for (Deployment deployment : deployments) {
            SharedVerdict verdict = shared.get().get(deployment.id());
            DeploymentHealth mine = local.get(deployment.id());
            if (verdict != null && (mine == null || verdict.lastCheck().isAfter(mine.lastCheck()))) {
                DeploymentHealth taken = verdict.toHealth(deployment);
                newer.add(taken);
                if (mine != null && mine.source() == EvidenceSource.TRAFFIC && mine.state() != taken.state()) {
                    // this replica's own traffic verdict (a cooldown) ends here: the holder saw no change, so this replica says so
                    transitions.deployment(Optional.of(mine), taken);
                }
            }
        }
        if (!newer.isEmpty()) {
            store.update(snapshot -> snapshot.withVerdicts(snapshot.publishedAt(), mergedNewer(snapshot, newer)));
        }
    }

    /** Only what is still newer when the snapshot is replaced: a verdict reached meanwhile here wins. */
    private static List<DeploymentHealth> mergedNewer(HealthSnapshot snapshot, List<DeploymentHealth> newer) {
        Map<String, DeploymentHealth> now = snapshot.deploymentsById();
        return newer.stream().filter(v -> {
            DeploymentHealth mine = now.get(v.deployment().id());
            return mine == null || v.lastCheck().isAfter(mine.lastCheck());
        }).toList();
    }

    /** The deployments among these whose lease this replica holds; all of them when nothing is shared or the store is down. */
    List<Deployment> leased(List<Deployment> candidates, Duration leaseTtl) {
        if (!coordination.configured() || candidates.isEmpty()) {
            return candidates;
        }
        Optional<Set<String>> ours = coordination.acquireLeases(candidates.stream().map(Deployment::id).toList(), leaseTtl);
        coordinationIs(ours.isPresent());
        return ours.map(ids -> candidates.stream().filter(d -> ids.contains(d.id())).toList()).orElse(candidates);
    }

    /** Publishes the verdicts probes reached (assumed ones every replica works out for itself). */
    void share(List<DeploymentHealth> verdicts) {
        if (!coordination.configured()) {
            return;
        }
        List<DeploymentHealth> probed = verdicts.stream().filter(v -> v.source() == EvidenceSource.PROBE).toList();
        if (!probed.isEmpty()) {
            coordinationIs(coordination.publish(probed));
        }
    }

    /** Says so once when the shared store is lost or back, and shows it in {@code /health/services}. */
    private void coordinationIs(boolean reachable) {
        CoordinationMode mode = reachable ? CoordinationMode.SHARED : CoordinationMode.LOCAL_FALLBACK;
        if (store.current().coordination() == mode) {
            return;
        }
        store.update(snapshot -> snapshot.withCoordination(mode));
        if (reachable) {
            LOG.log(System.Logger.Level.INFO, "probe coordination: shared with the other replicas through Redis (replica {0})",
                    coordination.replica());
        } else {
            LOG.log(System.Logger.Level.WARNING, "probe coordination: Redis unreachable, replica {0} probes every deployment on its own",
                    coordination.replica());
        }
    }
}
