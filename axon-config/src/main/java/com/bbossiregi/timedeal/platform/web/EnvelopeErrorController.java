package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error controller, which writes its own JSON shape: an error that reached the container
 * ({@code sendError} from a filter or a servlet, an exception thrown past Spring MVC) is answered in the envelope,
 * with its status and whatever the client accepts.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        ErrorCode errorCode = EnvelopeErrorReportValve.codeOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        return ApiExceptionHandler.respond(HttpStatusCode.valueOf(status), errorCode,
                known != null ? known.getReasonPhrase() : "Error", null);
    }
}
