package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on a request, in the envelope instead of its HTML page: what Tomcat refuses itself (a malformed
 * URI, bad percent-encoding, a TRACE) and any error no servlet answered. It writes only fixed text, never anything of
 * the request, and only when nothing was written yet.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
            // An HTTP version nobody speaks is the client's mistake, not the server's.
            status = HttpStatus.BAD_REQUEST.value();
            response.setStatus(status);
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already started; there is no one left to tell.
        }
    }

    static String body(int status) {
        ErrorCode code = codeOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String message = known != null ? known.getReasonPhrase() : "Error";
        return "{\"success\":false,\"error\":{\"code\":\"" + code.name() + "\",\"message\":\"" + message + "\"}}";
    }

    static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }
}
