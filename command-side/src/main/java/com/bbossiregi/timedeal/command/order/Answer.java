package com.bbossiregi.timedeal.command.order;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An HTTP answer kept as it was sent, so an idempotent retry gets exactly the same one. */
public record Answer(int status, String body, String location) {

    public ResponseEntity<String> toResponse() {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            response.header(HttpHeaders.LOCATION, location);
        }
        return response.body(body);
    }
}
