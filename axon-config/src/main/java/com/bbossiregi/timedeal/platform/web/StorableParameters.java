package com.bbossiregi.timedeal.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.PropertyEditorRegistry;

/**
 * What a handler reads from the request line or headers ({@code @RequestParam}, {@code @PathVariable},
 * {@code @RequestHeader}) is exact and storable: text must be {@linkplain StorableValues storable}, and whole numbers
 * are ASCII digits with an optional minus (Spring's own editor would take {@code 0x10}, {@code #10} and full-width
 * digits). Spring converts these parameters through the editors registered here, ahead of its conversion service, and
 * a refusal becomes a 400 naming the parameter. Registered on every binder Spring MVC creates by its binding initializer
 * ({@link EdgeConfiguration#storableParameters()}).
 */
final class StorableParameters implements PropertyEditorRegistrar {

    @Override
    public void registerCustomEditors(PropertyEditorRegistry registry) {
        registry.registerCustomEditor(String.class, new StorableTextEditor());
        for (Class<?> type : new Class<?>[] {int.class, Integer.class}) {
            registry.registerCustomEditor(type, new WholeNumberEditor(Integer::valueOf));
        }
        for (Class<?> type : new Class<?>[] {long.class, Long.class}) {
            registry.registerCustomEditor(type, new WholeNumberEditor(Long::valueOf));
        }
    }

    static final class WholeNumberEditor extends PropertyEditorSupport {

        private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,19}");
        private final Function<String, ? extends Number> parser;

        WholeNumberEditor(Function<String, ? extends Number> parser) {
            this.parser = parser;
        }

        @Override
        public void setAsText(String text) {
            String trimmed = text == null ? "" : text.trim();
            if (!DIGITS.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("must be a whole number");
            }
            setValue(parser.apply(trimmed));
        }
    }

    static final class StorableTextEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            if (!StorableValues.isStorable(text)) {
                throw new IllegalArgumentException(StorableValues.UNSTORABLE_TEXT);
            }
            setValue(text);
        }
    }
}
