package dev.ondine.impl.jakarta.codec;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One encoder or decoder instance in one of its forms, with the type {@code T} it encodes
 * or decodes (Jakarta WebSocket 2.2 §4.1.3, §4.1.4: a coder applies to its parameterized
 * type). A class implementing two forms (say {@code Decoder.Text<A>} and
 * {@code Decoder.Binary<B>}) gives two bindings sharing one instance.
 */
record CoderBinding<C>(C coder, CoderForm form, Class<?> type) {

    /**
     * The bindings of {@code coder}, in the fixed form order text, text stream, binary,
     * binary stream; {@code interfaceOf} names the interface of each form.
     *
     * @throws DeploymentException when the class implements no form, or a form's type
     *         argument cannot be resolved to a class
     */
    static <C> List<CoderBinding<C>> of(C coder, Function<CoderForm, Class<?>> interfaceOf, String role)
            throws DeploymentException {
        Class<?> type = coder.getClass();
        List<CoderBinding<C>> bindings = new ArrayList<>(1);
        for (CoderForm form : CoderForm.values()) {
            Class<?> formInterface = interfaceOf.apply(form);
            if (!formInterface.isAssignableFrom(type)) {
                continue;
            }
            Class<?> argument = GenericTypes.typeArgument(type, formInterface, 0);
            if (argument == null) {
                throw new DeploymentException("cannot resolve the type parameter of "
                        + formInterface.getCanonicalName() + " in " + role + " " + type.getName());
            }
            bindings.add(new CoderBinding<>(coder, form, PrimitiveConversions.box(argument)));
        }
        if (bindings.isEmpty()) {
            throw new DeploymentException(role + " " + type.getName()
                    + " implements none of the Text, TextStream, Binary, BinaryStream interfaces");
        }
        return bindings;
    }
}
