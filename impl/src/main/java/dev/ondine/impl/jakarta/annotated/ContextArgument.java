package dev.ondine.impl.jakarta.annotated;

/** Arguments taken directly from the {@link Invocation}, without conversion. */
enum ContextArgument implements ArgumentSource {

    /** The {@code Session} parameter allowed on every callback (Jakarta WebSocket 2.2 §4.4–§4.7). */
    SESSION {
        @Override
        public Object resolve(Invocation invocation) {
            return invocation.session();
        }
    },
    /** The {@code EndpointConfig} parameter of {@code @OnOpen} (§4.4). */
    ENDPOINT_CONFIG {
        @Override
        public Object resolve(Invocation invocation) {
            return invocation.config();
        }
    },
    /** The {@code CloseReason} parameter of {@code @OnClose} (§4.5). */
    CLOSE_REASON {
        @Override
        public Object resolve(Invocation invocation) {
            return invocation.closeReason();
        }
    },
    /** The mandatory {@code Throwable} parameter of {@code @OnError} (§4.6, WSC-4.6-2). */
    ERROR {
        @Override
        public Object resolve(Invocation invocation) {
            return invocation.error();
        }
    },
    /** The message, whole or one part, of {@code @OnMessage} (§4.7). */
    MESSAGE {
        @Override
        public Object resolve(Invocation invocation) {
            return invocation.message();
        }
    },
    /** The {@code boolean} "last part" flag of a partial {@code @OnMessage} method (§4.7). */
    LAST_PART {
        @Override
        public Object resolve(Invocation invocation) {
            return invocation.last();
        }
    },
    /**
     * A {@code @PathParam} whose name is not a variable of the endpoint's URI template: "the
     * value of the String parameter annotated by this annotation must be set to null"
     * (§4.3). Client endpoints have no template, so all their path parameters are this.
     */
    ABSENT_PATH_PARAMETER {
        @Override
        public Object resolve(Invocation invocation) {
            return null;
        }
    }
}
