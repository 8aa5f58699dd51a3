package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.ErrorDetails;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to the contract's error envelope; nothing leaves as a bare Spring error page. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String problem = cause instanceof InvalidFormatException invalid
                    ? "has an invalid value '" + invalid.getValue() + "'"
                    : "has the wrong type or shape";
            return respond(ErrorCode.BAD_REQUEST, "Request body field '" + field + "' " + problem,
                    List.of(Map.of("field", field, "message", problem)));
        }
        return respond(ErrorCode.BAD_REQUEST, "Request body is missing or is not valid JSON", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(ErrorCode.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'",
                null);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ApiError> badRequest(Exception e) {
        return respond(ErrorCode.BAD_REQUEST, e.getMessage(), null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return respond(ErrorCode.NOT_FOUND, "No such resource: /" + e.getResourcePath(), null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(ApiError.of(ErrorCode.BAD_REQUEST, e.getMessage(), null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> any(Exception e) {
        DomainException domain = domainCause(e);
        if (domain != null) {
            return respond(domain.code(), domain.getMessage(), domain.details());
        }
        if (findCause(e, AggregateNotFoundException.class) != null) {
            return respond(ErrorCode.NOT_FOUND, "Not found", null);
        }
        log.error("Unexpected failure", e);
        return respond(ErrorCode.INTERNAL_ERROR, "Internal error", null);
    }

    /** Axon may wrap a handler's exception, or carry it only as details across a process boundary. */
    static DomainException domainCause(Throwable e) {
        DomainException direct = findCause(e, DomainException.class);
        if (direct != null) {
            return direct;
        }
        HandlerExecutionException remote = findCause(e, HandlerExecutionException.class);
        if (remote != null && remote.getDetails().orElse(null) instanceof DomainException carried) {
            return carried;
        }
        if (remote != null && remote.getDetails().orElse(null) instanceof ErrorDetails carried) {
            // a business error raised on another node (see DomainErrorsAcrossNodes)
            return carried.toException();
        }
        return null;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public static ResponseEntity<ApiError> respond(ErrorCode code, String message, Object details) {
        return ResponseEntity.status(ErrorStatus.of(code)).body(ApiError.of(code, message, details));
    }
}
