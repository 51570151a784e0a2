package dev.llmhealth.adapters.http.http10;

/** The client sent something that is not a valid HTTP/1.0 request: it gets a 400 and the connection closes. */
final class MalformedRequestException extends Exception {

    MalformedRequestException(String message) {
        super(message, null, false, false);
    }

    MalformedRequestException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
