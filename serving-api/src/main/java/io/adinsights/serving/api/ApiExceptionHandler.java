package io.adinsights.serving.api;

import io.adinsights.serving.answer.NothingToAnswerException;
import io.adinsights.serving.query.InvalidQueryException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as RFC 9457 {@code application/problem+json}; a bad request names its field in {@code field}. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    public static final URI INVALID_QUERY = URI.create("https://adinsights.io/problems/invalid-query");
    public static final URI FORBIDDEN_CAMPAIGN = URI.create("https://adinsights.io/problems/forbidden-campaign");
    public static final URI UNAVAILABLE = URI.create("https://adinsights.io/problems/store-unavailable");

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidQueryException.class)
    public ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(INVALID_QUERY);
        problem.setTitle("Invalid query");
        problem.setProperty("field", e.field());
        return problem(problem);
    }

    @ExceptionHandler(CampaignAccessDeniedException.class)
    public ResponseEntity<ProblemDetail> forbidden(CampaignAccessDeniedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setType(FORBIDDEN_CAMPAIGN);
        problem.setTitle("Campaign not readable by this caller");
        return problem(problem);
    }

    @ExceptionHandler(NothingToAnswerException.class)
    public ResponseEntity<ProblemDetail> unavailable(NothingToAnswerException e) {
        LOG.warn("Answering 503: {}", e.getMessage(), e.getCause());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(UNAVAILABLE);
        problem.setTitle("No layer can answer this range now");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
