package dev.ondine.tck.official.payara7;

import dev.ondine.payara.arquillian.ArchiveForPayara;
import dev.ondine.payara.arquillian.ServedByOndine;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Ondine in place of Tyrus in every WAR the official TCK deploys to Payara Micro 7, with the
 * parts of payara-tests' extension that do not depend on Payara embedded:
 * {@link ArchiveForPayara} (Ondine's jars with {@code ondine-payara}, {@code glassfish-web.xml},
 * the check endpoint and servlet) before each deployment, and {@link ServedByOndine} (the
 * application's {@code ServerContainer} and a session are Ondine's, or the deployment fails)
 * after it.
 */
public final class OndineOnPayaraMicro implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(ArchiveForPayara.class);
        builder.observer(ServedByOndine.class);
    }
}
