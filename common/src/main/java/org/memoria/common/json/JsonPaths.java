package org.memoria.common.json;

import java.util.ArrayDeque;
import java.util.Deque;

import org.memoria.common.validation.Text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Where in a request body the parser is, written the way problems name fields: {@code names[0].type}; the whole
 * body is {@code (body)}. Names are quoted as {@link Text#excerpt excerpts}.
 */
public final class JsonPaths {

    /** The field name of the body as a whole. */
    public static final String BODY = "(body)";

    private JsonPaths() {
    }

    /** The path of the value the parser is at (a scalar, or the start of an object or array). */
    public static String value(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY)) {
            context = context.getParent();
        }
        return orBody(of(context));
    }

    /**
     * The path of a property of the object the parser is in, or has just closed: Jackson reports unknown properties
     * of a record once the record is complete, with the parser at or after its last value.
     */
    public static String property(JsonParser p, String name) {
        JsonStreamContext context = p.getParsingContext();
        JsonStreamContext object;
        if (p.hasToken(JsonToken.END_OBJECT)) {
            object = null; // the context is already the object's parent
        } else if (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY)) {
            object = context.getParent();
        } else {
            object = context;
        }
        String base = of(object == null ? context : object.getParent());
        return join(base, name);
    }

    /** The path of the context's current entry (its current name, or its current index). */
    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                if (c.getCurrentName() != null) {
                    parts.push("." + Text.excerpt(c.getCurrentName()));
                }
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.push("[" + c.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    static String join(String base, String name) {
        String n = Text.excerpt(name);
        return base.isEmpty() ? n : base + "." + n;
    }

    private static String orBody(String path) {
        return path.isEmpty() ? BODY : path;
    }
}
