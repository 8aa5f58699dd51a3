package com.bbossiregi.timedeal.platform.web;

import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Every text a handler reads from the request line or headers ({@code @RequestParam}, {@code @PathVariable},
 * {@code @RequestHeader} as {@code String}) must be {@linkplain StorableValues storable}: Spring converts them through
 * this editor, and a refusal becomes a 400 naming the parameter.
 */
@ControllerAdvice
public class StorableParameters {

    @InitBinder
    void storableText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StorableTextEditor());
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
