package io.adinsights.serving.answer;

/** No part of the range could be answered because a store is unavailable: a 503, never a zero. */
public final class NothingToAnswerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NothingToAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
