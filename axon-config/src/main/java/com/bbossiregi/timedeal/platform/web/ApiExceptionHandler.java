package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.support.Causes;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import com.bbossiregi.timedeal.api.common.ErrorDetails;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to the contract's error envelope; nothing leaves as a bare Spring error page. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (Causes.find(e, BodySizeLimit.TooLarge.class).isPresent()) {
            return tooLarge();
        }
        JsonProblems.Problem problem = JsonProblems.of(e.getCause());
        if (problem != null) {
            return respond(ErrorCode.BAD_REQUEST, "Request body field '" + problem.field() + "' " + problem.message(),
                    List.of(fieldError(problem.field(), problem.message())));
        }
        return respond(ErrorCode.BAD_REQUEST, "Request body is missing or is not valid JSON", null);
    }

    /** Bean Validation of a {@code @Valid} request record: every broken rule, each with its field. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        return validationError(fieldErrors(e.getBindingResult()));
    }

    /** Bean Validation of a request record run by the service itself (after it filled in a default). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> invalidValues(ConstraintViolationException e) {
        return validationError(e.getConstraintViolations().stream()
                .map(violation -> fieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .sorted(Comparator.comparing(error -> error.get("field")))
                .toList());
    }

    /**
     * Constraints on a handler's parameters (a header, a path variable, a query parameter) answer 400 BAD_REQUEST
     * naming the parameter; when a {@code @Valid} body is among them, its field errors make it a VALIDATION_ERROR.
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<Map<String, String>> details = new ArrayList<>();
        boolean body = false;
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                body = true;
                details.addAll(fieldErrors(errors));
            } else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> details.add(fieldError(name, error.getDefaultMessage())));
            }
        }
        if (body) {
            return validationError(details);
        }
        return respond(ErrorCode.BAD_REQUEST, details.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; ")), details);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String problem = StorableValues.isStorable(String.valueOf(e.getValue()))
                ? "has an invalid value '" + e.getValue() + "'"
                : StorableValues.UNSTORABLE_TEXT;
        return respond(ErrorCode.BAD_REQUEST, "Parameter '" + e.getName() + "' " + problem,
                List.of(fieldError(e.getName(), problem)));
    }

    /** Named as the client sent it, not as Spring's message puts it (the handler's Java parameter type). */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(ErrorCode.BAD_REQUEST, "Parameter '" + e.getParameterName() + "' is required",
                List.of(fieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return respond(ErrorCode.BAD_REQUEST, "Header '" + e.getHeaderName() + "' is required", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return respond(ErrorCode.NOT_FOUND, "No such resource: /" + e.getResourcePath(), null);
    }

    /** The security firewall's refusal, when it surfaces while a controller reads a header. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ApiError> rejected(RequestRejectedException e) {
        return respond(ErrorCode.BAD_REQUEST, "The request was rejected", null);
    }

    /** A client of a stream (live stock, an export) hung up: nobody is left to answer, and nothing went wrong. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // the container closes the request
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> any(Exception e) {
        DomainException domain = domainCause(e);
        if (domain != null) {
            return respond(domain.code(), domain.getMessage(), domain.details());
        }
        if (Causes.find(e, AggregateNotFoundException.class).isPresent()) {
            return respond(ErrorCode.NOT_FOUND, "Not found", null);
        }
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            // Spring MVC's own refusals (405, 406, 413, 415, ...) keep their status, in the envelope.
            HttpStatusCode status = framework.getStatusCode();
            ErrorCode code = status.value() == HttpStatus.NOT_FOUND.value() ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST;
            String message = framework.getBody().getDetail() != null ? framework.getBody().getDetail() : e.getMessage();
            return ResponseEntity.status(status).headers(framework.getHeaders()).contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(code, message, null));
        }
        log.error("Unexpected failure", e);
        return respond(ErrorCode.INTERNAL_ERROR, "Internal error", null);
    }

    /** Axon may wrap a handler's exception, or carry it only as details across a process boundary. */
    static DomainException domainCause(Throwable e) {
        Optional<DomainException> direct = Causes.find(e, DomainException.class);
        if (direct.isPresent()) {
            return direct.get();
        }
        Object details = Causes.find(e, HandlerExecutionException.class)
                .flatMap(HandlerExecutionException::getDetails).orElse(null);
        if (details instanceof DomainException carried) {
            return carried;
        }
        if (details instanceof ErrorDetails carried) {
            // a business error raised on another node (see DomainErrorsAcrossNodes)
            return carried.toException();
        }
        return null;
    }

    /** Always JSON, also for a request that accepts only another type (a live stream's text/event-stream). */
    public static ResponseEntity<ApiError> respond(ErrorCode code, String message, Object details) {
        return respond(ErrorStatus.of(code), code, message, details);
    }

    /**
     * The content type is set here rather than negotiated, so a client whose {@code Accept} leaves JSON out still
     * gets the envelope instead of an empty answer.
     */
    static ResponseEntity<ApiError> respond(HttpStatusCode status, ErrorCode code, String message, Object details) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (details instanceof RetryAfter wait) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.retryAfterSeconds()));
        }
        return answer.body(ApiError.of(code, message, details));
    }

    static ResponseEntity<ApiError> tooLarge() {
        return respond(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.BAD_REQUEST, "The request body is too large", null);
    }

    private static ResponseEntity<ApiError> validationError(List<Map<String, String>> details) {
        String summary = details.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        return respond(ErrorCode.VALIDATION_ERROR, summary.isEmpty() ? "Request validation failed" : summary, details);
    }

    private static List<Map<String, String>> fieldErrors(Errors errors) {
        List<Map<String, String>> details = new ArrayList<>();
        errors.getFieldErrors().forEach(error -> details.add(fieldError(SNAKE_CASE.translate(error.getField()),
                error.getDefaultMessage())));
        errors.getGlobalErrors().forEach(error -> details.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
        return details;
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field == null ? "" : field, "message", message == null ? "is invalid" : message);
    }

    private static String lastNode(String propertyPath) {
        return SNAKE_CASE.translate(propertyPath.substring(propertyPath.lastIndexOf('.') + 1));
    }

    private static String parameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return SNAKE_CASE.translate(parameter.getParameterName());
    }
}
