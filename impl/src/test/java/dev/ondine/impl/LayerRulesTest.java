package dev.ondine.impl;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.ondine.impl.protocol.CloseFrames;
import dev.ondine.impl.protocol.FrameHandler;
import dev.ondine.impl.protocol.FrameParser;
import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Masker;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Utf8Validator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules between the layers of {@code impl} (docs/design.md, "Packages by layer"
 * and "Layer rules"), checked on the main classes: protocol, then core, then the transports
 * and the Jakarta layer (which meet only in the seam package {@code transport}), then the
 * bootstraps, which wire them and which nothing else knows.
 */
@AnalyzeClasses(packages = "dev.ondine.impl", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {
    private static final String ONDINE = "dev.ondine..";
    private static final String PROTOCOL = "dev.ondine.impl.protocol..";
    private static final String CORE = "dev.ondine.impl.core..";
    private static final String JAKARTA = "dev.ondine.impl.jakarta..";
    private static final String API = "dev.ondine.api..";
    private static final String SEAM = "dev.ondine.impl.transport";
    private static final String TRANSPORTS = "dev.ondine.impl.transport..";
    private static final String NIO = "dev.ondine.impl.transport.nio..";
    private static final String SERVLET_TRANSPORT = "dev.ondine.impl.transport.servlet..";
    /** The bootstraps: they wire the layers together (standalone server, servlet container, client containers). */
    private static final String[] BOOTSTRAPS = {
        "dev.ondine.impl.standalone..", "dev.ondine.impl.servlet..", "dev.ondine.impl.client.."
    };

    @ArchTest
    static final ArchRule protocolImportsNothingOfOndineOutsideProtocol = noClasses()
            .that().resideInAPackage(PROTOCOL)
            .should().dependOnClassesThat(resideInAPackage(ONDINE).and(resideOutsideOfPackages(PROTOCOL)))
            .because("the RFC 6455/7692 codecs stand alone: not even dev.ondine.api (limits arrive as numbers)");

    @ArchTest
    static final ArchRule coreImportsOnlyProtocol = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat(resideInAPackage(ONDINE).and(resideOutsideOfPackages(CORE, PROTOCOL)))
            .because("one connection's state machine knows the codecs and its Transport seam, nothing above");

    @ArchTest
    static final ArchRule jakartaNeverSeesFrameCodecs = noClasses()
            .that().resideInAPackage(JAKARTA)
            .should().dependOnClassesThat(belongToAnyOf(FrameParser.class, FrameWriter.class, FrameHandler.class,
                    Masker.class, MaskKeySource.class, Utf8Validator.class, Opcode.class, CloseFrames.class))
            .because("frames are the core's business: the Jakarta layer sends and receives messages "
                    + "(core.MessageType and core.SendKind, not opcodes)");

    @ArchTest
    static final ArchRule jakartaNeverSeesATransport = noClasses()
            .that().resideInAPackage(JAKARTA)
            .should().dependOnClassesThat().resideInAnyPackage(NIO, SERVLET_TRANSPORT)
            .because("the Jakarta layer meets the transports only in the seam package dev.ondine.impl.transport "
                    + "(UpgradeAcceptor, Upgrade, ClientConnector); a bootstrap chooses the transport");

    @ArchTest
    static final ArchRule transportSeamStandsOnCoreAndProtocol = noClasses()
            .that().resideInAPackage(SEAM)
            .should().dependOnClassesThat(resideInAPackage(ONDINE)
                    .and(resideOutsideOfPackages(SEAM, CORE, PROTOCOL, API)))
            .because("both sides of the seam, the transports and the Jakarta layer, depend on it");

    /*
     * No seam of the Jakarta layer is allowed here: what transports and the Jakarta layer share
     * lives in dev.ondine.impl.transport (Upgrade, UpgradeAcceptor, HttpResponder,
     * ClientConnector), which depends on core and protocol only.
     */
    @ArchTest
    static final ArchRule transportsDoNotDependOnTheJakartaLayer = noClasses()
            .that().resideInAPackage(TRANSPORTS)
            .should().dependOnClassesThat().resideInAPackage(JAKARTA)
            .because("a transport moves bytes for a core connection; the Jakarta layer reaches it through the "
                    + "seam package dev.ondine.impl.transport");

    @ArchTest
    static final ArchRule nioTransportDoesNotKnowServlet = noClasses()
            .that().resideInAPackage(NIO)
            .should().dependOnClassesThat().resideInAPackage(SERVLET_TRANSPORT)
            .because("each transport stands on the seam package alone");

    @ArchTest
    static final ArchRule servletTransportDoesNotKnowNio = noClasses()
            .that().resideInAPackage(SERVLET_TRANSPORT)
            .should().dependOnClassesThat().resideInAPackage(NIO)
            .because("each transport stands on the seam package alone");

    @ArchTest
    static final ArchRule nothingButBootstrapsDependsOnBootstraps = noClasses()
            .that(resideOutsideOfPackages(BOOTSTRAPS))
            .should().dependOnClassesThat(resideInAnyPackage(BOOTSTRAPS))
            .because("a bootstrap wires the layers together; the layers do not know how they were wired");

    @ArchTest
    static final ArchRule layersAreFreeOfCycles = slices()
            .matching("dev.ondine.impl.(*)..")
            .should().beFreeOfCycles()
            .because("protocol, core, the transport seam and transports, the Jakarta layer and the bootstraps "
                    + "stand on each other in that order");

    @ArchTest
    static final ArchRule layerPackagesAreFreeOfCycles = slices()
            .matching("dev.ondine.impl.(**)")
            .should().beFreeOfCycles()
            .because("no two packages of impl need each other");
}
