package io.adinsights.traffic.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who and what the traffic is about: campaigns with Zipf-skewed popularity, each with a few ads and a retailer,
 * plus placements, users and products. Names are short and readable, for test diagnostics.
 */
final class Catalog {

    private static final String[] PLACEMENTS = {
        "search_results", "homepage_banner", "product_page", "category_page", "checkout"};

    private final String[] campaignIds;
    private final String[][] adIds;
    private final String[] campaignRetailers;
    /** Cumulative popularity by rank; rank r is campaign {@code campaignByRank[r]}. */
    private final double[] cumulativePopularity;
    private final int[] campaignByRank;
    private final int users;
    private final int products;

    Catalog(TrafficConfig config, SplittableRandom random) {
        int campaigns = config.campaigns();
        campaignIds = new String[campaigns];
        adIds = new String[campaigns][];
        campaignRetailers = new String[campaigns];
        for (int c = 0; c < campaigns; c++) {
            campaignIds[c] = String.format("cmp-%04d", c + 1);
            adIds[c] = new String[1 + random.nextInt(config.maxAdsPerCampaign())];
            for (int a = 0; a < adIds[c].length; a++) {
                adIds[c][a] = campaignIds[c] + "-ad-" + (a + 1);
            }
            campaignRetailers[c] = String.format("retailer-%02d", 1 + random.nextInt(config.retailers()));
        }
        // Popularity is not in id order, so "cmp-0001" is not always the biggest campaign.
        campaignByRank = new int[campaigns];
        for (int c = 0; c < campaigns; c++) {
            campaignByRank[c] = c;
        }
        for (int i = campaigns - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int at = campaignByRank[i];
            campaignByRank[i] = campaignByRank[j];
            campaignByRank[j] = at;
        }
        cumulativePopularity = new double[campaigns];
        double sum = 0;
        for (int rank = 0; rank < campaigns; rank++) {
            sum += 1 / StrictMath.pow(rank + 1, config.campaignPopularityExponent());
            cumulativePopularity[rank] = sum;
        }
        for (int rank = 0; rank < campaigns; rank++) {
            cumulativePopularity[rank] /= sum;
        }
        users = config.users();
        products = config.products();
    }

    /** A campaign index, drawn by popularity. */
    int campaign(SplittableRandom random) {
        int found = Arrays.binarySearch(cumulativePopularity, random.nextDouble());
        int rank = found >= 0 ? found : Math.min(-found - 1, cumulativePopularity.length - 1);
        return campaignByRank[rank];
    }

    String campaignId(int campaign) {
        return campaignIds[campaign];
    }

    String adId(int campaign, SplittableRandom random) {
        String[] ads = adIds[campaign];
        return ads[random.nextInt(ads.length)];
    }

    String retailerId(int campaign) {
        return campaignRetailers[campaign];
    }

    String placement(SplittableRandom random) {
        return PLACEMENTS[random.nextInt(PLACEMENTS.length)];
    }

    String userId(SplittableRandom random) {
        return "user-" + Integer.toString(random.nextInt(users), 36);
    }

    String productId(SplittableRandom random) {
        String number = Integer.toString(random.nextInt(products));
        return "sku-" + "000000".substring(Math.min(6, number.length())) + number;
    }
}
