package dev.ondine.impl.jakarta.session;

import dev.ondine.api.Limits;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContainerDefaultsTest {

    @Test
    void aNewSessionStartsWithTheContainersDefaultsAndTheEnginesBacklogLimit() {
        OndineClientContainer container = OndineClients.newContainer(Limits.builder()
                .maxIncomingBacklogBytes(1234).idleTimeoutMillis(5).maxBinaryMessageBytes(66).build());
        container.setDefaultMaxTextMessageBufferSize(77);
        container.setAsyncSendTimeout(88);
        SessionContext.InitialLimits limits = container.sessionLimits();
        assertEquals(new SessionContext.InitialLimits(5, 77, 66, 88, 1234, Limits.DEFAULT_BLOCKING_SEND_TIMEOUT), limits);
    }
}
