package dev.ondine.hazelcast;

import com.hazelcast.core.HazelcastInstance;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's own Hazelcast instance, for a web application on Payara Server or Payara Micro with
 * clustering on (the default of Payara Micro; on Payara Server, {@code asadmin
 * set-hazelcast-configuration --enabled=true}). Payara binds it in JNDI as {@value #JNDI_NAME}.
 * The application must not carry a Hazelcast jar of its own (declare {@code com.hazelcast:hazelcast}
 * {@code provided}): the instance's classes are Payara's.
 *
 * <pre>{@code
 * PayaraHazelcast.lookup().ifPresent(hz -> Groups.of(container).relay(HazelcastRelay.on(hz)));
 * }</pre>
 */
public final class PayaraHazelcast {
    /** Where Payara binds its instance. */
    public static final String JNDI_NAME = "payara/Hazelcast";

    private PayaraHazelcast() {
    }

    /** Payara's running instance; empty outside Payara, or when its clustering is off. */
    public static Optional<HazelcastInstance> lookup() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            if (found instanceof HazelcastInstance hz && hz.getLifecycleService().isRunning()) {
                return Optional.of(hz);
            }
        } catch (NamingException | RuntimeException e) {
            // not on Payara, or no cluster: empty
        }
        return Optional.empty();
    }
}
