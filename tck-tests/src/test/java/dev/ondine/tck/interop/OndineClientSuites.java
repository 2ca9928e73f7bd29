package dev.ondine.tck.interop;

import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import jakarta.websocket.Extension;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** Runs the Jakarta client suite with Ondine's client container against a server of the matrix. */
final class OndineClientSuites {
    private OndineClientSuites() {
    }

    /**
     * Offers permessage-deflate as soon as Ondine's client has it installed (the cell then
     * flips from "not yet" to a real check).
     */
    static void run(MatrixColumn column, URI interop) {
        OndineClientContainer client = OndineClients.newContainer();
        List<Extension> deflate = client.getInstalledExtensions().stream()
                .filter(e -> e.getName().equals(JakartaClientSuite.DEFLATE))
                .collect(Collectors.toList());
        new JakartaClientSuite(client, column, Side.ONDINE_CLIENT, interop, interop,
                deflate.isEmpty() ? null : deflate,
                "permessage-deflate not implemented (the Ondine client does not offer it)").runAll();
    }
}
