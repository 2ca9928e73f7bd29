package dev.ondine.tck.interop;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

/** Ondine's server with Tyrus's standalone client (Grizzly transport), constructed directly. */
class TyrusClientInteropTest {
    @Test
    @Timeout(120)
    void tyrusClient() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_SERVER, "tyrus",
                "Tyrus " + System.getProperty("tyrus.version", "2.2") + " client");
        ClientManager client = ClientManager.createClient();
        try (OndineInteropServer server = new OndineInteropServer()) {
            new JakartaClientSuite(client, column, Side.ONDINE_SERVER, server.echo(), server.interop(),
                    List.of(new PerMessageDeflateExtension()), null).runAll();
        } finally {
            client.shutdown();
        }
        column.writeAndAssertNoNewFailures();
    }
}
