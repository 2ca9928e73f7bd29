package dev.ondine.impl.jakarta.codec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small value the test codecs encode as JSON-ish text {@code {"x":1,"y":2}} or 8 bytes. */
record Point(int x, int y) {

    private static final Pattern JSON = Pattern.compile("\\{\"x\":(-?\\d+),\"y\":(-?\\d+)}");

    String toJson() {
        return "{\"x\":" + x + ",\"y\":" + y + "}";
    }

    static boolean isJson(String text) {
        return JSON.matcher(text).matches();
    }

    static Point fromJson(String text) {
        Matcher matcher = JSON.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a point: " + text);
        }
        return new Point(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }
}
