package dev.llmhealth.domain.model;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A reload carries what is known over to the new configuration, and nothing that is gone. */
class HealthSnapshotReconfiguredTest {

    private final HealthSnapshot before = new HealthSnapshot(T0, ServiceHealth.connected(2.0), true, ServiceHealth.connected(1.0), 2,
            List.of(Fixtures.healthy("a", "gpt-4"), Fixtures.unhealthy("b", "claude")), Optional.of(T0), "replica-1",
            CoordinationMode.SHARED);

    @Test
    void keptDeploymentsKeepTheirVerdictUnderTheirNewSettingsAndRemovedOnesAreGone() {
        Deployment aMoved = new Deployment("a", "gpt-4", "http://elsewhere:9000/v1", ProbeMode.COMPLETION);
        Deployment added = Fixtures.deployment("c", "new-model");

        HealthSnapshot after = before.reconfigured(T0.plusSeconds(5), List.of(aMoved, added), true, true, CoordinationMode.SHARED);

        assertEquals(1, after.deployments().size());
        DeploymentHealth a = after.deployments().get(0);
        assertEquals(aMoved, a.deployment());
        assertEquals(Fixtures.healthy("a", "gpt-4").withDeployment(aMoved), a);
        assertEquals(2, after.configuredDeployments());
        assertTrue(after.routerInitialized(), "a reload never makes a ready replica unready");
        assertTrue(after.databaseInitialized());
        assertEquals("replica-1", after.replica());
    }

    @Test
    void servicesNoLongerConfiguredAreNotConfiguredAndNewOnesNotCheckedYet() {
        HealthSnapshot withoutServices = before.reconfigured(T0, List.of(), false, false, CoordinationMode.LOCAL);
        assertEquals(ServiceHealth.NOT_CONFIGURED, withoutServices.database());
        assertEquals(ServiceHealth.NOT_CONFIGURED, withoutServices.redis());
        assertEquals(false, withoutServices.databaseInitialized());
        assertEquals(CoordinationMode.LOCAL, withoutServices.coordination());

        HealthSnapshot fresh = HealthSnapshot.initial(T0, false, false, 0).reconfigured(T0, List.of(), true, true, CoordinationMode.SHARED);
        assertEquals(ServiceHealth.disconnected("not checked yet"), fresh.database());
        assertEquals(ServiceHealth.disconnected("not checked yet"), fresh.redis());
    }
}
