package io.adinsights.serving.campaigns;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.api.ApiExceptionHandler;
import io.adinsights.serving.api.CampaignAccess;
import io.adinsights.serving.api.CampaignAccessDeniedException;
import io.adinsights.serving.store.StoreUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /campaigns}: the campaigns the caller may read, for a picker. Only ids the caller can read are listed. */
@RestController
public class CampaignsController {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignsController.class);

    private final CampaignDirectory directory;
    private final CampaignAccess access;

    public CampaignsController(CampaignDirectory directory, CampaignAccess access) {
        this.directory = requireNonNull(directory, "directory is null");
        this.access = requireNonNull(access, "access is null");
    }

    /**
     * The answer.
     *
     * @param campaigns the ids, sorted
     * @param source    where they come from ({@code owners} or {@code realtime-store})
     * @param complete  false when the source holds more campaigns than were listed
     */
    public record CampaignsResponse(List<String> campaigns, String source, boolean complete) {
    }

    @Operation(summary = "the campaigns the caller may read, for a picker",
            description = "From the configured owners (default) or, on one machine, the campaigns present in the"
                    + " real-time store. A campaign missing here can still be asked for by id.")
    @GetMapping(path = "/campaigns", produces = "application/json")
    public ResponseEntity<?> campaigns() {
        CampaignList list;
        try {
            list = directory.campaigns();
        } catch (StoreUnavailableException e) {
            LOG.warn("Answering 503 to /campaigns: {}", e.getMessage(), e.getCause());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            problem.setType(ApiExceptionHandler.UNAVAILABLE);
            problem.setTitle("The campaign list cannot be read now");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        List<String> readable = list.ids().stream().filter(this::canRead).toList();
        return ResponseEntity.ok(new CampaignsResponse(readable, directory.source(), list.complete()));
    }

    private boolean canRead(String campaignId) {
        try {
            access.checkCanRead(campaignId);
            return true;
        } catch (CampaignAccessDeniedException e) {
            return false;
        }
    }
}
