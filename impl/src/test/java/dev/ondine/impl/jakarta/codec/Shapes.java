package dev.ondine.impl.jakarta.codec;

/** A small type hierarchy for selection by specificity. */
final class Shapes {

    private Shapes() {
    }

    interface Shape {
    }

    interface Named {
    }

    static class Circle implements Shape {
    }

    static final class Square implements Shape {
    }

    /** A circle that is also named: two unrelated interfaces and a superclass. */
    static final class NamedCircle extends Circle implements Named {
    }
}
