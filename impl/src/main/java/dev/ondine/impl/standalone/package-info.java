/**
 * Rule: a bootstrap: it may use every layer, and only bootstraps may use it. Ondine's
 * standalone server behind {@code dev.ondine.api.OndineServer}: a server container on the NIO
 * server, static resources, and several applications on one server by context path.
 */
package dev.ondine.impl.standalone;
