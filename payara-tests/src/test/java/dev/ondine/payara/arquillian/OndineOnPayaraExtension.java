package dev.ondine.payara.arquillian;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * What Payara Server embedded needs to run the Arquillian suites with Ondine serving the
 * WARs, kept out of the tests themselves: the loopback domain.xml ({@link LoopbackDomain}),
 * the WAR additions ({@link ArchiveForPayara}) and the check, after every deployment, that
 * Ondine and not Payara's Tyrus serves it ({@link ServedByOndine}).
 */
public class OndineOnPayaraExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(ArchiveForPayara.class);
        builder.observer(LoopbackDomain.class);
        builder.observer(ServedByOndine.class);
        builder.observer(OndineLog.class);
    }
}
