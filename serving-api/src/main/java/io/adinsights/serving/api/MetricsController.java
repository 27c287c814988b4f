package io.adinsights.serving.api;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.answer.Answer;
import io.adinsights.serving.answer.MetricsService;
import io.adinsights.serving.query.Metric;
import io.adinsights.serving.query.MetricQuery;
import io.adinsights.serving.query.QueryParser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ad/{campaignId}/{impressions|clicks|clickToBasket|summary}}. Parses and validates the request, asks
 * the service once, maps the answer. An unknown campaign is an honest empty answer: zeros, not a 404, since a
 * campaign that has not served yet and one that does not exist look the same to both layers.
 */
@RestController
public class MetricsController {

    private final QueryParser parser;
    private final MetricsService service;
    private final CampaignAccess access;

    public MetricsController(QueryParser parser, MetricsService service, CampaignAccess access) {
        this.parser = requireNonNull(parser, "parser is null");
        this.service = requireNonNull(service, "service is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Operation(summary = "impressions, clicks, clickToBasket or the summary of one campaign over a range",
            description = "Merges the lake (before the real-time boundary) and ScyllaDB (from it on); every answer"
                    + " says the boundary used, how fresh each side is and any gap neither layer covers. Ranges"
                    + " must start and end on buckets of the granularity. Errors are application/problem+json.")
    @ApiResponse(responseCode = "200", description = "The answer (MetricResponse, or SummaryResponse for summary)",
            content = @Content(schema = @Schema(oneOf = {MetricResponse.class, SummaryResponse.class})))
    @ApiResponse(responseCode = "400", description = "Invalid query; `field` names the parameter",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Missing scope, or a campaign of another advertiser")
    @ApiResponse(responseCode = "503", description = "No layer can answer any part of the range now",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/ad/{campaignId}/{metric}", produces = "application/json")
    public Object metric(
            @Parameter(example = "cmp-0042") @PathVariable("campaignId") String campaignId,
            @Parameter(schema = @Schema(allowableValues = {"impressions", "clicks", "clickToBasket", "summary"}),
                    example = "clickToBasket") @PathVariable("metric") String metric,
            @Parameter(description = "ISO-8601 instant, inclusive; default: 24 h (1 h by minute, 1 day by day)"
                    + " before to", example = "2026-03-29T00:00:00Z")
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default: the end of the current bucket",
                    example = "2026-03-30T00:00:00Z")
            @RequestParam(name = "to", required = false) String to,
            @Parameter(schema = @Schema(allowableValues = {"minute", "hour", "day"}, defaultValue = "hour"))
            @RequestParam(name = "granularity", required = false) String granularity,
            @Parameter(description = "IANA zone whose days the day buckets are; default UTC",
                    example = "Europe/Paris")
            @RequestParam(name = "tz", required = false) String tz,
            @Parameter(description = "only this ad of the campaign", example = "ad-3")
            @RequestParam(name = "adId", required = false) String adId) {
        Instant now = service.now();
        MetricQuery query = parser.parse(campaignId, metric, from, to, granularity, tz, adId, now);
        access.checkCanRead(query.campaignId());
        Answer answer = service.answer(query, now);
        return query.metric() == Metric.SUMMARY ? SummaryResponse.of(answer) : MetricResponse.of(answer);
    }
}
