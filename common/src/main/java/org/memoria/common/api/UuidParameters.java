package org.memoria.common.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Converts every {@code UUID} parameter ({@code @PathParam("id") UUID id}) strictly, as {@link QueryParameters#uuid}
 * does: a value that is not a canonical UUID is a 400 problem naming the parameter, not the 404 JAX-RS gives, and not
 * the lenient {@link UUID#fromString} that reads {@code 1-1-1-1-1} as an id.
 */
@Provider
public class UuidParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != UUID.class) {
            return null;
        }
        String name = nameOf(annotations);
        return (ParamConverter<T>) new ParamConverter<UUID>() {
            @Override
            public UUID fromString(String value) {
                return QueryParameters.requiredUuid(null, name, value);
            }

            @Override
            public String toString(UUID value) {
                return value.toString();
            }
        };
    }

    private static String nameOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof PathParam p) {
                    return p.value();
                } else if (a instanceof QueryParam q) {
                    return q.value();
                } else if (a instanceof HeaderParam h) {
                    return h.value();
                } else if (a instanceof MatrixParam m) {
                    return m.value();
                } else if (a instanceof CookieParam c) {
                    return c.value();
                } else if (a instanceof FormParam f) {
                    return f.value();
                }
            }
        }
        return "id";
    }
}
